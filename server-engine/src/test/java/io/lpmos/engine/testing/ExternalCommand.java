package io.lpmos.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real program (curl, openssl) for integration tests: without proxy settings in its
 * environment, bounded in time, and killed (only that process) if it overruns.
 */
public final class ExternalCommand {
    /** What the program printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static final List<String> PROXY_VARIABLES = List.of("http_proxy", "https_proxy", "all_proxy", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY");

    private ExternalCommand() {
    }

    /** True when {@code program --version} (or {@code version}) runs and exits 0. */
    public static boolean installed(String program, String versionArgument) {
        try {
            return run(Duration.ofSeconds(10), List.of(program, versionArgument)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @throws IOException when the program cannot be started or does not finish within {@code timeout}
     */
    public static Result run(Duration timeout, List<String> command) throws IOException {
        Path out = Files.createTempFile("command-out", ".txt");
        Path err = Files.createTempFile("command-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            PROXY_VARIABLES.forEach(environment::remove);
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + command, e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
