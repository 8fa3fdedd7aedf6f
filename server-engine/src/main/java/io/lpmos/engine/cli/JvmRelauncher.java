package io.lpmos.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Gives {@code java -jar regional-client.jar} a file-server sized JVM. Without flags the JVM would
 * size its heap from the machine (a quarter of RAM, 6 GiB on a 24 GiB host) and let it grow under
 * load; a file server needs little heap. When the user chose no heap size, {@code main} starts the
 * same class again in a child JVM with {@link #DEFAULT_OPTIONS} (or {@code $LPMOS_JAVA_OPTS}),
 * forwards SIGTERM/SIGINT to it and exits with its exit code. The child stops by itself if this
 * parent dies. {@code java -Xmx… -jar} or {@code LPMOS_JAVA_OPTS=none} skips the relaunch.
 */
final class JvmRelauncher {
    static final String DEFAULT_OPTIONS = "-Xms16m -Xmx96m -XX:+UseSerialGC -Xss256k -XX:MaxDirectMemorySize=64m"
            + " -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError";
    static final String CHILD_MARKER = "lpmos.relaunched";
    static final String PARENT_PID = "lpmos.parent-pid";
    static final String ENV_OPTIONS = "LPMOS_JAVA_OPTS";

    private JvmRelauncher() {
    }

    /** The child JVM's options, or empty when this JVM should run the client itself. */
    static Optional<List<String>> childOptions() {
        if (System.getProperty(CHILD_MARKER) != null) {
            return Optional.empty();
        }
        String configured = System.getenv(ENV_OPTIONS);
        if ("none".equals(configured)) {
            return Optional.empty();
        }
        List<String> jvmArgs = ownArguments();
        for (String variable : new String[] {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"}) {
            String value = System.getenv(variable);
            if (value != null) {
                jvmArgs.addAll(Arrays.asList(value.trim().split("\\s+")));
            }
        }
        boolean heapChosen = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize")
                || a.startsWith("-XX:MaxRAM"));
        if (heapChosen) {
            return Optional.empty();
        }
        String options = configured == null || configured.isBlank() ? DEFAULT_OPTIONS : configured;
        return Optional.of(Arrays.asList(options.trim().split("\\s+")));
    }

    /**
     * This JVM's command-line arguments. ProcessHandle reads {@code /proc/self/cmdline} (lighter than
     * loading JMX in this short-lived parent) but gives nothing for a command line longer than a page
     * (a long {@code -cp}); the file is then read here, so a chosen {@code -Xmx} is never missed.
     */
    static List<String> ownArguments() {
        Optional<String[]> arguments = ProcessHandle.current().info().arguments();
        if (arguments.isPresent()) {
            return new ArrayList<>(Arrays.asList(arguments.get()));
        }
        try {
            String cmdline = new String(java.nio.file.Files.readAllBytes(Path.of("/proc/self/cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>(Arrays.asList(cmdline.split("\0")));
            return all.isEmpty() ? all : new ArrayList<>(all.subList(1, all.size()));
        } catch (java.io.IOException | RuntimeException e) {
            return new ArrayList<>();
        }
    }

    /** Runs the client in a child JVM and returns its exit code. */
    static int runChild(List<String> options, String[] args) throws InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.add("-D" + CHILD_MARKER + "=true");
        command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RegionalClientMain.class.getName());
        command.addAll(Arrays.asList(args));
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            System.err.println("✗ cannot start the server JVM (" + java + "): " + e.getMessage()
                    + " — or run with LPMOS_JAVA_OPTS=none");
            return 1;
        }
        SignalHandlers.onTermination(child::destroy);
        return child.waitFor();
    }

    /** In the child: stop (as on SIGTERM) when the launching parent has gone away. */
    static void watchParent(Runnable stop) {
        String pid = System.getProperty(PARENT_PID);
        if (pid == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(stop), stop);
        } catch (NumberFormatException ignored) {
            // not launched by us: nothing to watch
        }
    }
}
