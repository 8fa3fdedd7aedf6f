package io.lpmos.engine.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for tests that need real interfaces without touching the machine's own: every
 * namespace, veth and bridge it makes is named {@code lpd<4 hex><role>} so parallel runs never
 * collide, only 10.x addresses are used, and {@link #close()} kills every process left in its
 * namespaces (by PID, from {@code ip netns pids}) and deletes them, which deletes their interfaces.
 * Needs root and {@code ip netns}; {@link #unavailableReason()} says why not.
 */
public final class NetnsLab implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String prefix = "lpd" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> started = Collections.synchronizedList(new ArrayList<>());

    /** Why namespace tests cannot run here (not root, no {@code ip netns}), or null when they can. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespace tests need root (CI runs as root); running as " + System.getProperty("user.name");
        }
        try {
            ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(10), List.of("ip", "netns", "list"));
            if (result.exitCode() != 0) {
                return "'ip netns' does not work here: " + result.stderr().strip();
            }
        } catch (IOException e) {
            return "'ip' (iproute2) is not installed: " + e.getMessage();
        }
        return null;
    }

    /** The name this lab gives {@code role}: {@code lpd1a2bsrv}; at most 15 characters for interfaces. */
    public String name(String role) {
        String name = prefix + role;
        if (name.length() > 15) {
            throw new IllegalArgumentException("'" + name + "' is longer than an interface name may be");
        }
        return name;
    }

    /** Creates namespace {@code role} with its loopback up; returns its name. */
    public String namespace(String role) throws IOException {
        String ns = name(role);
        run(List.of("ip", "netns", "add", ns));
        namespaces.add(ns);
        inNamespace(ns, "ip", "link", "set", "lo", "up");
        return ns;
    }

    /**
     * Connects two namespaces with a veth pair named {@code <prefix><nameA>} / {@code <prefix><nameB>},
     * up, each end with its address when not null ({@code 10.1.2.3/24}).
     */
    public void veth(String nsA, String nameA, String addressA, String nsB, String nameB, String addressB)
            throws IOException {
        String a = name(nameA);
        String b = name(nameB);
        run(List.of("ip", "link", "add", a, "type", "veth", "peer", "name", b));
        run(List.of("ip", "link", "set", a, "netns", nsA));
        run(List.of("ip", "link", "set", b, "netns", nsB));
        configure(nsA, a, addressA);
        configure(nsB, b, addressB);
    }

    private void configure(String ns, String device, String address) throws IOException {
        if (address != null) {
            inNamespace(ns, "ip", "addr", "add", address, "dev", device);
        }
        inNamespace(ns, "ip", "link", "set", device, "up");
    }

    /**
     * A tap device {@code <prefix><role>} in {@code ns} with {@code address}, up (it has no link until a
     * program such as QEMU opens it); returns its name.
     */
    public String tap(String ns, String role, String address) throws IOException {
        String tap = name(role);
        inNamespace(ns, "ip", "tuntap", "add", "dev", tap, "mode", "tap");
        configure(ns, tap, address);
        return tap;
    }

    /** A bridge {@code <prefix><role>} in {@code ns}, up, with the given interfaces of that namespace in it. */
    public String bridge(String ns, String role, String... ports) throws IOException {
        String bridge = name(role);
        inNamespace(ns, "ip", "link", "add", bridge, "type", "bridge");
        inNamespace(ns, "ip", "link", "set", bridge, "up");
        for (String port : ports) {
            inNamespace(ns, "ip", "link", "set", name(port), "master", bridge);
        }
        return bridge;
    }

    /** Runs a command in {@code ns} and fails unless it exits 0. */
    public ExternalCommand.Result inNamespace(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(full);
    }

    /** Runs a command in {@code ns} bounded by {@code timeout}, whatever its exit code. */
    public ExternalCommand.Result tryInNamespace(String ns, Duration timeout, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return ExternalCommand.run(timeout, full);
    }

    private static ExternalCommand.Result run(List<String> command) throws IOException {
        ExternalCommand.Result result = ExternalCommand.run(COMMAND_TIMEOUT, command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.stderr().strip());
        }
        return result;
    }

    /**
     * Starts {@code command} in {@code ns} in the background (killed at {@link #close()} at the latest),
     * its output collected.
     */
    public ChildProcess start(String ns, List<String> command, Map<String, String> environment) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        started.add(process);
        return new ChildProcess(process);
    }

    /** Starts tcpdump in {@code ns} on {@code device}, writing packets as they come to {@code file}; returns once it captures. */
    public ChildProcess capture(String ns, String device, Path file, String filter) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-U", "-n", "-i", device, "-w", file.toString()));
        command.addAll(List.of(filter.split(" ")));
        ChildProcess tcpdump = start(ns, command, Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tcpdump.err.stream().noneMatch(line -> line.contains("listening on")) && System.nanoTime() < deadline) {
            if (!tcpdump.process.isAlive()) {
                throw new IOException("tcpdump did not start: " + tcpdump.err);
            }
            Thread.sleep(20);
        }
        return tcpdump;
    }

    /** Stops a capture so that its file is complete. */
    public static void stopCapture(ChildProcess tcpdump) throws InterruptedException {
        tcpdump.process.toHandle().descendants().forEach(ProcessHandle::destroy);
        tcpdump.process.destroy();
        tcpdump.process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills what was started and every process still in the lab's namespaces, then deletes the namespaces. */
    @Override
    public void close() {
        for (Process process : List.copyOf(started)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (String ns : namespaces) {
            try {
                for (String pid : ExternalCommand.run(COMMAND_TIMEOUT, List.of("ip", "netns", "pids", ns)).stdout()
                        .split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println("could not list the processes of namespace " + ns + ": " + e.getMessage());
            }
        }
        for (Process process : List.copyOf(started)) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            try {
                ExternalCommand.run(COMMAND_TIMEOUT, List.of("ip", "netns", "del", ns));
            } catch (IOException e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
