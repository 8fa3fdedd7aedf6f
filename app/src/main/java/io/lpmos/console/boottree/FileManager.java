package io.lpmos.console.boottree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a folder in the desktop's file manager with the system's own opener: {@code xdg-open} on
 * Linux and BSD, {@code open} on macOS, {@code explorer} on Windows. Blocks for up to a few seconds:
 * call it off the FX thread. Stateless and thread-safe.
 */
public final class FileManager {
    private static final long START_WAIT_SECONDS = 5;

    private final String osName;

    /** For the operating system this JVM runs on. */
    public FileManager() {
        this(System.getProperty("os.name", ""));
    }

    FileManager(String osName) {
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /** The command that opens {@code folder}. */
    List<String> command(Path folder) {
        String target = folder.toAbsolutePath().toString();
        if (osName.contains("win")) {
            return List.of("explorer", target);
        }
        if (osName.contains("mac")) {
            return List.of("open", target);
        }
        return List.of("xdg-open", target);
    }

    /**
     * Opens {@code folder}; the opener keeps running on its own.
     *
     * @throws IOException worded for the operator when no opener is installed or it reports failure
     */
    public void open(Path folder) throws IOException {
        List<String> command = command(folder);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot open the file manager: '" + command.get(0)
                    + "' is not installed (on Linux install xdg-utils)", e);
        }
        try {
            if (process.waitFor(START_WAIT_SECONDS, TimeUnit.SECONDS) && process.exitValue() != 0
                    && !command.get(0).equals("explorer")) {
                throw new IOException("cannot open the file manager: '" + String.join(" ", command)
                        + "' exited with status " + process.exitValue() + " (is a desktop file manager installed?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the file manager", e);
        }
    }
}
