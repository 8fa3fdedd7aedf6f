package io.lpmos.engine.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A started program (usually {@code regional-client} in a child JVM) with its stdout and stderr
 * collected line by line, decoded as UTF-8, so tests see the real exit code and the real bytes. Every
 * wait is bounded.
 */
public final class ChildProcess {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    public final Process process;
    public final List<String> out = Collections.synchronizedList(new ArrayList<>());
    public final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outReader;
    private final Thread errReader;

    public ChildProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out, "stdout");
        this.errReader = collect(process.getErrorStream(), err, "stderr");
    }

    private Thread collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + name + " unreadable: " + e + ">");
            }
        }, "child-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Waits for a stdout line matching {@code wanted}; fails with everything printed so far otherwise. */
    public String awaitStdout(Predicate<String> wanted, String description) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (out) {
                for (String line : out) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive() && !outReader.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        return fail("no stdout line %s within %s; stdout=%s stderr=%s", description, START_TIMEOUT, out, err);
    }

    /** Waits for the exit and for both streams to be read to their end. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the child did not exit within %s; stdout=%s stderr=%s", EXIT_TIMEOUT, out, err);
        }
        outReader.join(EXIT_TIMEOUT.toMillis());
        errReader.join(EXIT_TIMEOUT.toMillis());
        return process.exitValue();
    }

    public List<String> allLines() {
        return Stream.concat(List.copyOf(out).stream(), List.copyOf(err).stream()).toList();
    }

    /** Kills the process and whatever it started (by their PIDs) if still alive; bounded wait. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
