package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.testing.ChildProcess;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.NetnsLab;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable leases (SPEC §5): 2,000 clients (perfdhcp) lease addresses while the server is killed with
 * SIGKILL half-way, then restarted on the same journal, and the clients go on. Every ACK the clients
 * received is read back from a capture on their side: no address was ever acknowledged to two MACs.
 */
class DhcpCrashTest {
    private static final int CLIENTS = 2000;

    @TempDir
    Path tmp;

    private NetnsLab lab;

    @BeforeAll
    static void needsNamespacesAndPerfdhcp() {
        String reason = NetnsLab.unavailableReason();
        assumeTrue(reason == null, reason);
        assumeTrue(ExternalCommand.installed("perfdhcp", "-v"), "perfdhcp (Debian kea-admin) is not installed");
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void killedMidWayAndRestartedItNeverGivesAnAddressToTwoMacs() throws Exception {
        lab = new NetnsLab();
        String srv = lab.namespace("srv");
        String cli = lab.namespace("cli");
        lab.veth(srv, "s0", "10.71.0.1/20", cli, "c0", "10.71.0.2/20");
        String served = lab.name("s0");
        Path root = tmp.resolve("tftpboot");
        Path state = tmp.resolve("state");
        String[] args = {"--enable-dhcp", "--dhcp-mode=full", "--interface=" + served,
            "--dhcp-range=10.71.1.0-10.71.15.250", "--dhcp-conflict-check=off"};
        Path capture = tmp.resolve("acks.pcap");
        ChildProcess tcpdump = lab.capture(cli, lab.name("c0"), capture, "udp and src host 10.71.0.1");

        ChildProcess first = NamespaceDhcp.startServer(lab, srv, root, state, args);
        NamespaceDhcp.awaitDhcp(first, "full", served);
        ChildProcess load = perfdhcp(cli, 6);
        Thread.sleep(2500);
        assertThat(first.process.isAlive()).isTrue();
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(load.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        ChildProcess second = NamespaceDhcp.startServer(lab, srv, root, state, args);
        NamespaceDhcp.awaitDhcp(second, "full", served);
        String started = second.awaitStdout(line -> line.startsWith("✓ DHCP (full)"), "the restart line");
        Matcher restored = Pattern.compile(".*\\((\\d+) addresses, (\\d+) leased\\).*").matcher(started);
        assertThat(restored.matches()).isTrue();
        assertThat(Integer.parseInt(restored.group(2))).as("leases restored from the journal after SIGKILL").isPositive();
        ChildProcess rest = perfdhcp(cli, 6);
        assertThat(rest.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        NetnsLab.stopCapture(tcpdump);

        Map<Integer, Set<String>> macsByAddress = new HashMap<>();
        Set<String> leasedClients = new HashSet<>();
        for (Captures.Datagram reply : Captures.readFile(capture)) {
            DhcpPacket packet = DhcpPacket.parse(reply.payload(), 0, reply.payload().length);
            if (packet.messageType() == DhcpMessage.ACK) {
                macsByAddress.computeIfAbsent(packet.yiaddr(), a -> new HashSet<>()).add(packet.macText());
                leasedClients.add(packet.macText());
            }
        }
        List<String> duplicates = macsByAddress.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> Ipv4.format(e.getKey()) + " → " + e.getValue()).toList();
        assertThat(duplicates).as("addresses acknowledged to more than one MAC").isEmpty();
        assertThat(leasedClients).as("clients that got a lease").hasSizeGreaterThanOrEqualTo(CLIENTS * 9 / 10);
    }

    /** perfdhcp as 2,000 clients at 1,000 exchanges a second for {@code seconds}. */
    private ChildProcess perfdhcp(String ns, int seconds) throws Exception {
        return lab.start(ns, List.of("timeout", String.valueOf(seconds + 20), "perfdhcp", "-4", "-l", lab.name("c0"),
                "-r", "1000", "-R", String.valueOf(CLIENTS), "-p", String.valueOf(seconds)), Map.of());
    }
}
