package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmos.engine.testing.ChildProcess;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.NetnsLab;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCP service as {@code regional-client} runs it, inside network namespaces, against real
 * clients: busybox udhcpc, ISC dhclient and dhcpcd in full mode; a scripted PXE ROM (scapy) and a plain
 * client beside dnsmasq in proxy mode; the rogue-server probe; one interface only, proven by a capture;
 * port 67 without privileges; a flood of malformed packets. Needs root (CI runs as root).
 */
class DhcpNamespaceTest {
    @TempDir
    Path tmp;

    private NetnsLab lab;
    private Path root;
    private Path state;

    @BeforeAll
    static void needsNamespaces() {
        String reason = NetnsLab.unavailableReason();
        assumeTrue(reason == null, reason);
    }

    @BeforeEach
    void lab() throws Exception {
        lab = new NetnsLab();
        root = tmp.resolve("tftpboot");
        state = tmp.resolve("state");
        Files.createDirectories(root.resolve("boot"));
        Files.writeString(root.resolve("boot/undionly.kpxe"), "iPXE for BIOS");
    }

    @AfterEach
    void cleanUp() {
        lab.close();
    }

    @Test
    void udhcpcDhclientAndDhcpcdGetLeasesWithTheRightOptions() throws Exception {
        String srv = lab.namespace("srv");
        String cli = lab.namespace("cli");
        lab.veth(srv, "s0", "10.66.0.1/24", cli, "c0", null);
        String served = lab.name("s0");
        String client = lab.name("c0");
        Path reservations = Files.writeString(tmp.resolve("reservations"), "# fixed\n02:00:00:00:00:03 10.66.0.120 fixed-host\n");
        lab.inNamespace(cli, "ip", "addr", "add", "10.66.0.100/24", "dev", client);

        ChildProcess server = NamespaceDhcp.startServer(lab, srv, root, state, "--enable-dhcp", "--dhcp-mode=full",
                "--interface=" + served, "--dhcp-range=10.66.0.100-10.66.0.150", "--dhcp-router=10.66.0.1",
                "--dhcp-dns=10.66.0.53,10.66.0.54", "--dhcp-domain=lab.test", "--dhcp-lease=30m",
                "--dhcp-reservations=" + reservations);
        NamespaceDhcp.awaitDhcp(server, "full", served);
        assertThat(server.out).contains("✓ no other DHCP server answered on " + served + " (listened 2 s)");
        assertThat(server.out).anyMatch(line -> line.equals("✓ DHCP (full) on " + served
                + " — pool 10.66.0.100-10.66.0.150 (50 addresses, 0 leased), lease 30m, router 10.66.0.1"));

        NamespaceDhcp.setMac(lab, cli, client, "02:00:00:00:00:01");
        Map<String, String> udhcpc = NamespaceDhcp.udhcpc(lab, cli, client, tmp, 5);
        assertThat(udhcpc).containsEntry("ip", "10.66.0.101").containsEntry("mask", "24")
                .containsEntry("router", "10.66.0.1").containsEntry("dns", "10.66.0.53 10.66.0.54")
                .containsEntry("domain", "lab.test").containsEntry("lease", "1800").containsEntry("serverid", "10.66.0.1");
        assertThat(server.out).anyMatch(line -> line.contains("DISCOVER/-") && line.contains("02:00:00:00:00:01")
                && line.contains("10.66.0.100 (address already in use by a machine that answers ping/ARP"));
        lab.inNamespace(cli, "ip", "addr", "flush", "dev", client);

        NamespaceDhcp.setMac(lab, cli, client, "02:00:00:00:00:02");
        Map<String, String> dhclient = NamespaceDhcp.dhclient(lab, cli, client, tmp);
        assertThat(dhclient).containsEntry("new_ip_address", "10.66.0.102")
                .containsEntry("new_subnet_mask", "255.255.255.0").containsEntry("new_routers", "10.66.0.1")
                .containsEntry("new_domain_name_servers", "10.66.0.53 10.66.0.54")
                .containsEntry("new_domain_name", "lab.test").containsEntry("new_dhcp_lease_time", "1800")
                .containsEntry("new_dhcp_server_identifier", "10.66.0.1");
        lab.inNamespace(cli, "ip", "addr", "flush", "dev", client);

        NamespaceDhcp.setMac(lab, cli, client, "02:00:00:00:00:03");
        Map<String, String> offer = NamespaceDhcp.dhcpcdOffer(lab, cli, client);
        assertThat(offer).containsEntry("new_ip_address", "10.66.0.120").containsEntry("new_host_name", "fixed-host")
                .containsEntry("new_routers", "10.66.0.1").containsEntry("new_domain_name", "lab.test")
                .containsEntry("new_dhcp_lease_time", "1800");
        String lease = NamespaceDhcp.dhcpcdLease(lab, cli, client);
        assertThat(lease).contains("leased 10.66.0.120 for 1800 seconds", "adding default route via 10.66.0.1");
        assertThat(lab.inNamespace(cli, "ip", "-4", "addr", "show", client).stdout()).contains("inet 10.66.0.120/24");

        server.awaitStdout(line -> line.contains("REQUEST/ACK") && line.contains("02:00:00:00:00:03")
                && line.contains("10.66.0.120 fixed-host until"), "dhcpcd's ACK");
        List<String> journal = Files.readAllLines(state.resolve("dhcp-" + served + ".leases"));
        assertThat(journal).anyMatch(line -> line.startsWith("L\t10.66.0.101\t02:00:00:00:00:01\t"))
                .anyMatch(line -> line.startsWith("L\t10.66.0.102\t02:00:00:00:00:02\t"))
                .anyMatch(line -> line.startsWith("L\t10.66.0.120\t02:00:00:00:00:03\t"))
                .anyMatch(line -> line.startsWith("Q\t10.66.0.100\t-\t"));

        server.process.toHandle().destroy();
        assertThat(server.awaitExit()).isZero();
    }

    /** dnsmasq serves addresses on the segment; ours runs beside it in proxy mode. */
    private record Segment(String dnsmasqNs, String ourNs, String clientNs, String ourDevice, String clientDevice) {
    }

    private Segment segmentWithDnsmasq() throws Exception {
        String lan = lab.namespace("lan");
        String dns = lab.namespace("dns");
        String srv = lab.namespace("srv");
        String cli = lab.namespace("cli");
        lab.veth(dns, "d0", "10.67.0.1/24", lan, "ld", null);
        lab.veth(srv, "s0", "10.67.0.2/24", lan, "ls", null);
        lab.veth(cli, "c0", null, lan, "lc", null);
        lab.bridge(lan, "br", "ld", "ls", "lc");
        ChildProcess dnsmasq = lab.start(dns, List.of("dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0",
                "--interface=" + lab.name("d0"), "--bind-interfaces", "--dhcp-range=10.67.0.100,10.67.0.150,255.255.255.0,1h",
                "--dhcp-option=3,10.67.0.1", "--dhcp-leasefile=" + tmp.resolve("dnsmasq.leases"), "--no-ping",
                "--pid-file=" + tmp.resolve("dnsmasq.pid"), "--log-facility=-"), Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (dnsmasq.err.stream().noneMatch(line -> line.contains("DHCP, IP range")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(dnsmasq.err).as("dnsmasq started").anyMatch(line -> line.contains("DHCP, IP range"));
        return new Segment(dns, srv, cli, lab.name("s0"), lab.name("c0"));
    }

    @Test
    void proxyModeBesideDnsmasqBootsPxeClientsAndLeavesPlainOnesAlone() throws Exception {
        Segment segment = segmentWithDnsmasq();
        ChildProcess server = NamespaceDhcp.startServer(lab, segment.ourNs(), root, state, "--enable-dhcp",
                "--interface=" + segment.ourDevice());
        NamespaceDhcp.awaitDhcp(server, "proxy", segment.ourDevice());
        assertThat(server.out).anyMatch(line -> Pattern.matches("⚠ another DHCP server answered on " + segment.ourDevice()
                + ": 10\\.67\\.0\\.1 \\(offers 10\\.67\\.0\\.1\\d\\d/24, router 10\\.67\\.0\\.1, not PXE-aware\\)", line));

        Path script = tmp.resolve("pxe-client.py");
        try (InputStream in = getClass().getResourceAsStream("pxe-client.py")) {
            Files.copy(in, script);
        }
        ExternalCommand.Result pxe = lab.tryInNamespace(segment.clientNs(), Duration.ofSeconds(60),
                List.of(NamespaceDhcp.PYTHON, script.toString(), segment.clientDevice(), "02:00:00:00:00:11"));
        List<String> answers = List.of(pxe.stdout().split("\n"));
        assertThat(answers).as("PXE client output (exit %d), stderr: %s", pxe.exitCode(), pxe.stderr())
                .anyMatch(line -> line.contains("\"step\": \"offer\"") && line.contains("\"server_id\": \"10.67.0.1\"")
                        && line.matches(".*\"yiaddr\": \"10\\.67\\.0\\.1\\d\\d\".*"))
                .anyMatch(line -> line.contains("\"step\": \"offer\"") && line.contains("\"yiaddr\": \"0.0.0.0\"")
                        && line.contains("\"siaddr\": \"10.67.0.2\"") && line.contains("\"file\": \"boot/undionly.kpxe\"")
                        && line.contains("\"vendor_class\": \"PXEClient\"") && line.contains("\"option43\": \"060108ff\"")
                        && line.contains("\"option97\": \"000102030405060708090a0b0c0d0e0f10\""))
                .anyMatch(line -> line.contains("\"step\": \"4011\"") && line.contains("\"file\": \"boot/undionly.kpxe\"")
                        && line.contains("\"source\": \"10.67.0.2\""));
        server.awaitStdout(line -> line.contains("REQUEST/ACK") && line.contains("02:00:00:00:00:11")
                && line.contains("(boot server discovery (port 4011))"), "the 4011 exchange");

        Path capture = tmp.resolve("ours.pcap");
        ChildProcess tcpdump = lab.capture(segment.ourNs(), segment.ourDevice(), capture, "udp and src host 10.67.0.2");
        NamespaceDhcp.setMac(lab, segment.clientNs(), segment.clientDevice(), "02:00:00:00:00:12");
        Map<String, String> plain = NamespaceDhcp.udhcpc(lab, segment.clientNs(), segment.clientDevice(), tmp, 5);
        NetnsLab.stopCapture(tcpdump);

        assertThat(plain).as("the plain client's lease, from dnsmasq").containsEntry("serverid", "10.67.0.1");
        assertThat(Captures.readFile(capture)).as("packets our server sent during the plain client's exchange").isEmpty();
        server.awaitStdout(line -> line.contains("DISCOVER/-") && line.contains("02:00:00:00:00:12")
                && line.contains("(not a PXE client: left to the network's DHCP server)"), "the plain client ignored");
    }

    @Test
    void fullModeRefusesBesideAnotherServerUnlessOverridden() throws Exception {
        Segment segment = segmentWithDnsmasq();

        ChildProcess refused = NamespaceDhcp.startServer(lab, segment.ourNs(), root, state, "--enable-dhcp",
                "--dhcp-mode=full", "--interface=" + segment.ourDevice(), "--dhcp-range=10.67.0.200-10.67.0.210");
        assertThat(refused.awaitExit()).isEqualTo(1);
        assertThat(refused.err).anyMatch(line -> Pattern.matches("✗ another DHCP server answered on " + segment.ourDevice()
                + ": 10\\.67\\.0\\.1 \\(offers 10\\.67\\.0\\.1\\d\\d/24, router 10\\.67\\.0\\.1, not PXE-aware\\) — two"
                + " servers handing out addresses break a network: use proxy mode \\(--dhcp-mode=proxy\\) beside it,"
                + " or start anyway with --dhcp-ignore-other-servers", line));
        assertThat(refused.allLines()).noneMatch(line -> line.startsWith("✓ DHCP") || line.contains("Exception"));

        ChildProcess forced = NamespaceDhcp.startServer(lab, segment.ourNs(), root, state, "--enable-dhcp",
                "--dhcp-mode=full", "--interface=" + segment.ourDevice(), "--dhcp-range=10.67.0.200-10.67.0.210",
                "--dhcp-ignore-other-servers");
        NamespaceDhcp.awaitDhcp(forced, "full", segment.ourDevice());
        assertThat(forced.err).anyMatch(line -> line.endsWith("— starting full mode anyway (--dhcp-ignore-other-servers):"
                + " clients may get addresses from either server"));
    }

    @Test
    void aServerBoundToOneInterfaceNeverAnswersOrSendsOnAnother() throws Exception {
        String srv = lab.namespace("srv");
        String cliA = lab.namespace("ca");
        String cliB = lab.namespace("cb");
        lab.veth(srv, "sa", "10.68.1.1/24", cliA, "ca0", null);
        lab.veth(srv, "sb", "10.68.2.1/24", cliB, "cb0", null);
        String other = lab.name("sb");
        String otherMac = NamespaceDhcp.macOf(lab, srv, other);
        String clientBMac = NamespaceDhcp.macOf(lab, cliB, lab.name("cb0"));
        Path capture = tmp.resolve("other.pcap");
        ChildProcess tcpdump = lab.capture(srv, other, capture, "udp port 67 or udp port 68");

        ChildProcess server = NamespaceDhcp.startServer(lab, srv, root, state, "--enable-dhcp", "--dhcp-mode=full",
                "--interface=" + lab.name("sa"), "--dhcp-range=10.68.1.100-10.68.1.150", "--dhcp-conflict-check=off");
        NamespaceDhcp.awaitDhcp(server, "full", lab.name("sa"));
        Map<String, String> onOther = NamespaceDhcp.udhcpc(lab, cliB, lab.name("cb0"), tmp, 3);
        Map<String, String> onServed = NamespaceDhcp.udhcpc(lab, cliA, lab.name("ca0"), tmp, 5);
        NetnsLab.stopCapture(tcpdump);

        assertThat(onOther).as("a lease on the other interface").isEmpty();
        assertThat(onServed).containsEntry("serverid", "10.68.1.1");
        List<Captures.Frame> frames = Captures.framesOf(capture);
        assertThat(frames).as("the other client's DISCOVERs reached the other interface")
                .anyMatch(frame -> frame.sourceMac().equals(clientBMac) && frame.destinationPort() == 67);
        assertThat(frames).as("frames sent from the other interface (the probe, offers, anything)")
                .noneMatch(frame -> frame.sourceMac().equals(otherMac));
        assertThat(server.out).noneMatch(line -> line.contains(clientBMac));
    }

    @Test
    void port67WithoutPrivilegesIsOneOperatorWordedLineAndExit1() throws Exception {
        String srv = lab.namespace("srv");
        String cli = lab.namespace("cli");
        lab.veth(srv, "s0", "10.69.0.1/24", cli, "c0", null);

        ChildProcess server = NamespaceDhcp.startServer(lab, srv, List.of("setpriv", "--bounding-set=-net_bind_service"),
                root, state, "--enable-dhcp", "--interface=" + lab.name("s0"));

        assertThat(server.awaitExit()).isEqualTo(1);
        assertThat(server.allLines().stream().filter(line -> line.startsWith("✗"))).containsExactly(
                "✗ port 67 needs privileges — run regional-client as root, or grant the program cap_net_bind_service"
                        + " and cap_net_raw (the LPMOS Console package does this for its launcher)");
        assertThat(server.allLines()).noneMatch(line -> line.contains("Exception") || line.startsWith("✓ DHCP"));
    }

    @Test
    void aFloodOfMalformedPacketsLeavesTheServerAnswering() throws Exception {
        String srv = lab.namespace("srv");
        String cli = lab.namespace("cli");
        lab.veth(srv, "s0", "10.70.0.1/24", cli, "c0", "10.70.0.2/24");
        ChildProcess server = NamespaceDhcp.startServer(lab, srv, root, state, "--enable-dhcp", "--dhcp-mode=full",
                "--interface=" + lab.name("s0"), "--dhcp-range=10.70.0.100-10.70.0.150", "--dhcp-conflict-check=off");
        NamespaceDhcp.awaitDhcp(server, "full", lab.name("s0"));
        Path script = tmp.resolve("flood.py");
        try (InputStream in = getClass().getResourceAsStream("malformed-flood.py")) {
            Files.copy(in, script);
        }

        ExternalCommand.Result flood = lab.tryInNamespace(cli, Duration.ofSeconds(60),
                List.of(NamespaceDhcp.PYTHON, script.toString(), "10.70.0.1", "100000"));
        assertThat(flood.exitCode()).as("flood stderr: %s", flood.stderr()).isZero();
        assertThat(flood.stdout().strip()).isEqualTo("100000");

        Map<String, String> lease = NamespaceDhcp.udhcpc(lab, cli, lab.name("c0"), tmp, 5);
        assertThat(lease).containsEntry("serverid", "10.70.0.1");
        assertThat(server.process.isAlive()).isTrue();
        Pattern report = Pattern.compile("dropped (\\d+) malformed DHCP packets on " + lab.name("s0") + " \\(last from"
                + " 10\\.70\\.0\\.2: .*\\) — a broken or hostile client; the others are still answered");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long reported = 0;
        while (reported < 90_000 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            reported = List.copyOf(server.err).stream().map(report::matcher).filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        }
        assertThat(reported).as("malformed packets the server reported dropping; stderr: %s", server.err)
                .isBetween(90_000L, 100_000L);
    }
}
