package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.cli.RegionalClientMain;
import io.lpmos.engine.testing.ChildProcess;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regional-client --interface=<veth> --enable-tftp} on port 69 inside a network namespace, with
 * atftp in a second namespace joined by a veth pair of MTU 1500: TFTP binds to that interface's
 * address, a requested {@code blksize 65464} is clamped to 1468 so that no datagram is fragmented, and
 * the copy is exact. Needs root and iproute2 (CI has both); skipped otherwise. The namespaces and the
 * child go with the {@link NetnsLab}.
 */
class TftpNetworkNamespaceTest {
    @TempDir
    Path root;

    private NetnsLab lab;

    @BeforeEach
    void assumeRootAndTools() {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, reason);
        Assumptions.assumeTrue(ExternalCommand.installed("atftp", "--help"), "needs atftp");
        lab = new NetnsLab();
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void servesOnTheInterfaceAddressAndClampsTheBlockSizeToTheMtu() throws Exception {
        String net = "10." + (200 + ThreadLocalRandom.current().nextInt(50)) + "." + (1 + ThreadLocalRandom.current().nextInt(250));
        String serverNs = lab.namespace("s");
        String clientNs = lab.namespace("c");
        lab.veth(serverNs, "vs", net + ".1/24", clientNs, "vc", net + ".2/24");
        String vethServer = lab.name("vs");
        lab.inNamespace(serverNs, "ip", "link", "set", vethServer, "mtu", "1500");
        lab.inNamespace(clientNs, "ip", "link", "set", lab.name("vc"), "mtu", "1500");
        Files.createDirectories(root.resolve("boot"));
        byte[] image = new byte[3_000_000];
        new Random(5).nextBytes(image);
        Files.write(root.resolve("boot/grubx64.efi"), image);

        ChildProcess child = lab.start(serverNs, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), RegionalClientMain.class.getName(),
                "--idc=netns", "--static-root=" + root, "--interface=" + vethServer, "--listen-address=" + net + ".1",
                "--api-port=0", "--enable-tftp"), Map.of());
        String listening = "✓ TFTP server listening on " + net + ".1:69";
        child.awaitStdout(line -> line.contains(listening), "'" + listening + "'");

        Path local = root.resolve("copy.efi");
        ExternalCommand.Result atftp = ExternalCommand.run(Duration.ofSeconds(60), List.of("ip", "netns", "exec",
                clientNs, "atftp", "--option", "blksize 65464", "--option", "windowsize 4", "-g", "-r", "boot/grubx64.efi",
                "-l", local.toString(), net + ".1", "69"));

        assertThat(atftp.exitCode()).as(atftp.stdout() + atftp.stderr()).isZero();
        assertThat(Files.readAllBytes(local)).isEqualTo(image);
        String line = child.awaitStdout(l -> l.contains("\"boot/grubx64.efi\""), "the transfer's [TFTP] line");
        assertThat(line).startsWith("[TFTP] ").contains("| complete  |", net + ".2", "blksize=1468 windowsize=4");
    }
}
