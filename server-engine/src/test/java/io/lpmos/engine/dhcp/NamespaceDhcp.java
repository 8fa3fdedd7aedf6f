package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.cli.RegionalClientMain;
import io.lpmos.engine.testing.ChildProcess;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the namespace tests share: {@code regional-client} started as a child JVM inside a namespace
 * (never in the test JVM's own), and the real DHCP clients (busybox udhcpc, ISC dhclient, dhcpcd) run
 * in another one, each with a script that only prints what it was given — nothing outside the
 * namespaces is configured.
 */
final class NamespaceDhcp {
    /** Debian's interpreter, where python3-scapy is installed (a python3 earlier on PATH may lack it). */
    static final String PYTHON = "/usr/bin/python3";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(40);

    private NamespaceDhcp() {
    }

    /**
     * Starts {@code regional-client --idc=test --api-port=0 --static-root=<root> --state-dir=<state> args}
     * in {@code ns}.
     */
    static ChildProcess startServer(NetnsLab lab, String ns, Path root, Path state, String... args) throws IOException {
        return startServer(lab, ns, List.of(), root, state, args);
    }

    /** As {@link #startServer(NetnsLab, String, Path, Path, String...)}, the JVM run through {@code wrapper}. */
    static ChildProcess startServer(NetnsLab lab, String ns, List<String> wrapper, Path root, Path state, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RegionalClientMain.class.getName(), "--idc=test", "--api-port=0", "--static-root=" + root,
                "--state-dir=" + state));
        command.addAll(List.of(args));
        return lab.start(ns, command, Map.of("LANG", "C"));
    }

    /** Waits for {@code ✓ DHCP (<mode>) on <interface>}. */
    static void awaitDhcp(ChildProcess server, String mode, String device) throws InterruptedException {
        server.awaitStdout(line -> line.startsWith("✓ DHCP (" + mode + ") on " + device), "saying DHCP runs");
    }

    /** Gives {@code device} in {@code ns} another MAC, so each client is a new machine for the server. */
    static void setMac(NetnsLab lab, String ns, String device, String mac) throws IOException {
        lab.inNamespace(ns, "ip", "link", "set", device, "down");
        lab.inNamespace(ns, "ip", "link", "set", device, "address", mac);
        lab.inNamespace(ns, "ip", "link", "set", device, "up");
    }

    private static Path script(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /**
     * busybox udhcpc, one lease and quit; its script prints {@code bound ip=... router=...}.
     *
     * @return what the bound event carried (empty when no lease was obtained)
     */
    static Map<String, String> udhcpc(NetnsLab lab, String ns, String device, Path dir, int tries) throws IOException {
        Path script = script(dir, "udhcpc.sh", "if [ \"$1\" = bound ]; then echo \"bound ip=$ip mask=$mask"
                + " router=$router dns=$dns domain=$domain lease=$lease serverid=$serverid\"; fi\n");
        ExternalCommand.Result result = lab.tryInNamespace(ns, CLIENT_TIMEOUT, List.of("busybox", "udhcpc", "-f", "-q",
                "-n", "-i", device, "-s", script.toString(), "-t", String.valueOf(tries), "-T", "1", "-A", "1"));
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("bound ")) {
                return fields(line.substring(6));
            }
        }
        return Map.of();
    }

    /** {@code key=value key=value} with values that may hold spaces (dns=1.1.1.1 2.2.2.2). */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String word : text.split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0 && word.substring(0, eq).matches("[a-z]+")) {
                if (key != null) {
                    fields.put(key, value.toString());
                }
                key = word.substring(0, eq);
                value.setLength(0);
                value.append(word.substring(eq + 1));
            } else {
                value.append(' ').append(word);
            }
        }
        if (key != null) {
            fields.put(key, value.toString());
        }
        return fields;
    }

    /** ISC dhclient in the foreground, stopped once bound; returns the {@code new_*} variables of its BOUND call. */
    static Map<String, String> dhclient(NetnsLab lab, String ns, String device, Path dir) throws IOException,
            InterruptedException {
        Path env = dir.resolve("dhclient-env.txt");
        Path script = script(dir, "dhclient.sh", "if [ \"$reason\" = BOUND ]; then env | grep '^new_' > " + env + "; fi\n"
                + "exit 0\n");
        ChildProcess dhclient = lab.start(ns, List.of("dhclient", "-1", "-d", "-sf", script.toString(),
                "-lf", dir.resolve("dhclient.leases").toString(), "-pf", dir.resolve("dhclient.pid").toString(), device),
                Map.of());
        try {
            long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
            while (!Files.exists(env) && System.nanoTime() < deadline && dhclient.process.isAlive()) {
                Thread.sleep(50);
            }
            Thread.sleep(100);
        } finally {
            dhclient.kill();
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(env)) {
            for (String line : Files.readAllLines(env)) {
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /**
     * dhcpcd in test mode ({@code -T}): asks for a lease and prints the offer's variables without
     * configuring anything.
     */
    static Map<String, String> dhcpcdOffer(NetnsLab lab, String ns, String device) throws IOException {
        ExternalCommand.Result result = lab.tryInNamespace(ns, CLIENT_TIMEOUT, List.of("dhcpcd", "-f", "/dev/null", "-4",
                "-T", "-t", "15", device));
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("new_") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
            }
        }
        return values;
    }

    /** dhcpcd obtaining and configuring a lease in {@code ns} once ({@code -1}), no hooks run; returns its log. */
    static String dhcpcdLease(NetnsLab lab, String ns, String device) throws IOException {
        ExternalCommand.Result result = lab.tryInNamespace(ns, CLIENT_TIMEOUT, List.of("dhcpcd", "-f", "/dev/null", "-4",
                "-1", "-L", "-c", "/bin/true", "-t", "15", device));
        Files.deleteIfExists(Path.of("/var/lib/dhcpcd", device + ".lease"));
        return result.stdout() + result.stderr();
    }

    /** The MAC of {@code device} in {@code ns}. */
    static String macOf(NetnsLab lab, String ns, String device) throws IOException {
        String link = lab.inNamespace(ns, "ip", "-o", "link", "show", device).stdout();
        int at = link.indexOf("link/ether ");
        assertThat(at).as("ether address in %s", link).isNotNegative();
        return link.substring(at + 11, at + 28);
    }
}
