package io.lpmos.engine.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real command-line client ({@code curl}, {@code jq}) found on the PATH, with a time limit; a
 * test that needs a tool which is not installed is skipped, not failed. Only the processes started
 * here are ever stopped, by their own handle.
 */
final class ExternalTool {
    private static final long TIMEOUT_SECONDS = 60;

    private ExternalTool() {
    }

    /** What a finished command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Skips the calling test unless {@code name} is an executable on the PATH. */
    static void assumeInstalled(String name) {
        assumeTrue(isInstalled(name), name + " is not installed");
    }

    static boolean isInstalled(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} with no input. */
    static Result run(String... command) throws IOException, InterruptedException {
        return pipeline(List.of(List.of(command)));
    }

    /**
     * Runs commands connected stdout → stdin (like a shell pipe, without a shell) and returns the exit
     * code of the last one, its stdout and the stderr of all of them.
     */
    static Result pipeline(List<List<String>> commands) throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            builders.add(new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE));
        }
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        ExecutorService readers = Executors.newCachedThreadPool();
        try {
            processes.get(0).getOutputStream().close();
            List<CompletableFuture<String>> errors = new ArrayList<>();
            for (Process process : processes) {
                errors.add(drain(process.getErrorStream(), readers));
            }
            Process last = processes.get(processes.size() - 1);
            CompletableFuture<String> stdout = drain(last.getInputStream(), readers);
            for (Process process : processes) {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException(commands + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
            }
            StringBuilder stderr = new StringBuilder();
            for (CompletableFuture<String> error : errors) {
                stderr.append(error.get());
            }
            return new Result(last.exitValue(), stdout.get(), stderr.toString());
        } catch (ExecutionException e) {
            throw new IOException("could not read the output of " + commands, e.getCause());
        } finally {
            for (Process process : processes) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
            readers.shutdown();
        }
    }

    /** Reads a stream to its end on its own thread, so that no pipe fills up while another is read. */
    private static CompletableFuture<String> drain(InputStream stream, ExecutorService readers) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, readers);
    }
}
