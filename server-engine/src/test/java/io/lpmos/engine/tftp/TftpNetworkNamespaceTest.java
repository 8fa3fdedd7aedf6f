package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.cli.RegionalClientMain;
import io.lpmos.engine.testing.ExternalCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regional-client --interface=<veth> --enable-tftp} on port 69 inside a network namespace, with
 * atftp in a second namespace joined by a veth pair of MTU 1500: TFTP binds to that interface's
 * address, a requested {@code blksize 65464} is clamped to 1468 so that no datagram is fragmented, and
 * the copy is exact. Needs root and iproute2 (CI has both); skipped otherwise. The namespaces (prefix
 * {@code lpt-}, random suffix) and the child are removed afterwards.
 */
class TftpNetworkNamespaceTest {
    @TempDir
    Path root;

    private String suffix;
    private String serverNs;
    private String clientNs;
    private Process child;
    private final List<String> childOut = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void assumeRootAndTools() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
        Assumptions.assumeTrue(installed("ip", "-V") && installed("atftp", "--help"), "needs iproute2 and atftp");
        suffix = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        serverNs = "lpt-" + suffix + "-s";
        clientNs = "lpt-" + suffix + "-c";
    }

    private static boolean installed(String program, String probe) {
        try {
            ExternalCommand.run(Duration.ofSeconds(10), List.of(program, probe));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        if (serverNs != null) {
            ExternalCommand.run(Duration.ofSeconds(10), List.of("ip", "netns", "del", serverNs));
            ExternalCommand.run(Duration.ofSeconds(10), List.of("ip", "netns", "del", clientNs));
        }
    }

    private static void run(String... command) throws IOException {
        ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(20), List.of(command));
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + ": " + result.stderr());
        }
    }

    @Test
    void servesOnTheInterfaceAddressAndClampsTheBlockSizeToTheMtu() throws Exception {
        String net = "10." + (200 + ThreadLocalRandom.current().nextInt(50)) + "." + (1 + ThreadLocalRandom.current().nextInt(250));
        String vethServer = "lpt" + suffix + "s";
        String vethClient = "lpt" + suffix + "c";
        run("ip", "netns", "add", serverNs);
        run("ip", "netns", "add", clientNs);
        run("ip", "link", "add", vethServer, "type", "veth", "peer", "name", vethClient);
        run("ip", "link", "set", vethServer, "netns", serverNs);
        run("ip", "link", "set", vethClient, "netns", clientNs);
        run("ip", "-n", serverNs, "addr", "add", net + ".1/24", "dev", vethServer);
        run("ip", "-n", clientNs, "addr", "add", net + ".2/24", "dev", vethClient);
        run("ip", "-n", serverNs, "link", "set", vethServer, "mtu", "1500", "up");
        run("ip", "-n", clientNs, "link", "set", vethClient, "mtu", "1500", "up");
        run("ip", "-n", serverNs, "link", "set", "lo", "up");
        Files.createDirectories(root.resolve("boot"));
        byte[] image = new byte[3_000_000];
        new Random(5).nextBytes(image);
        Files.write(root.resolve("boot/grubx64.efi"), image);

        child = new ProcessBuilder("ip", "netns", "exec", serverNs,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), RegionalClientMain.class.getName(),
                "--idc=netns", "--static-root=" + root, "--interface=" + vethServer, "--listen-address=" + net + ".1",
                "--api-port=0", "--enable-tftp").redirectErrorStream(true).start();
        child.getOutputStream().close();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    childOut.add(line);
                }
            } catch (IOException ignored) {
                // the child ended
            }
        }, "netns-child-output");
        reader.setDaemon(true);
        reader.start();
        awaitLine("✓ TFTP server listening on " + net + ".1:69");

        Path local = root.resolve("copy.efi");
        ExternalCommand.Result atftp = ExternalCommand.run(Duration.ofSeconds(60), List.of("ip", "netns", "exec",
                clientNs, "atftp", "--option", "blksize 65464", "--option", "windowsize 4", "-g", "-r", "boot/grubx64.efi",
                "-l", local.toString(), net + ".1", "69"));

        assertThat(atftp.exitCode()).as(atftp.stdout() + atftp.stderr()).isZero();
        assertThat(Files.readAllBytes(local)).isEqualTo(image);
        String line = awaitLine("\"boot/grubx64.efi\"");
        assertThat(line).startsWith("[TFTP] ").contains("| complete  |", net + ".2", "blksize=1468 windowsize=4");
    }

    private String awaitLine(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (childOut) {
                for (String line : childOut) {
                    if (line.contains(part)) {
                        return line;
                    }
                }
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with " + part + "; the child printed " + childOut);
    }
}
