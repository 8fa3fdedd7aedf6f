package io.lpmos.engine.dhcp;

import io.lpmos.engine.boot.BootPolicy;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.lifecycle.AbstractService;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import io.lpmos.engine.net.NetworkInterfaces;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP/proxyDHCP service of SPEC §5 on the configured interface (name {@value #NAME}). Start:
 * checks the platform and the interface (never loopback), opens the lease journal (full mode), binds
 * port 67 (and 4011 in proxy mode) to the interface, probes for other DHCP servers — full mode
 * refuses to start when one answered unless {@code --dhcp-ignore-other-servers} — and then answers.
 * Publishes a {@link io.lpmos.engine.events.DhcpExchange} per exchange and operator notices; the
 * packets themselves are handled by {@link DhcpServer} on one event-loop thread.
 */
public final class DhcpService extends AbstractService {
    public static final String NAME = "dhcp";
    private static final Logger LOG = LoggerFactory.getLogger(DhcpService.class);
    /** How often dropped malformed packets are reported (once per period however many there were). */
    private static final Duration DROP_REPORT_PERIOD = Duration.ofSeconds(10);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(500);
    private static final int CHECK_THREADS = 4;
    private static final int CHECK_QUEUE = 256;
    private static final int MAX_DATAGRAM = 2048;

    private final EngineConfig config;
    private final DhcpConfig dhcp;
    private final EventBus bus;
    private final String serverIp;
    private final BootPolicy bootPolicy;
    private final Duration probeTime;

    private InterfaceSockets sockets;
    private LeaseJournal journal;
    private ConflictCheck conflictCheck;
    private volatile DhcpServer server;
    private volatile EventLoop loop;

    /**
     * @param serverIp the address announced to clients as next server (the engine's server IP)
     */
    public DhcpService(EngineConfig config, EventBus bus, String serverIp, BootPolicy bootPolicy) {
        this(config, bus, serverIp, bootPolicy, RogueServerProbe.LISTEN);
    }

    /** As above, listening {@code probeTime} for other servers (tests use less than the 2 s default). */
    DhcpService(EngineConfig config, EventBus bus, String serverIp, BootPolicy bootPolicy, Duration probeTime) {
        super(NAME);
        this.config = config;
        this.dhcp = config.dhcp();
        this.bus = bus;
        this.serverIp = serverIp;
        this.bootPolicy = bootPolicy;
        this.probeTime = probeTime;
    }

    /** The interface this service answers on. */
    public String interfaceName() {
        return config.interfaceName();
    }

    public DhcpMode mode() {
        return dhcp.mode();
    }

    /** The interface as the service needs it: up, not loopback, with an IPv4 address and prefix. */
    private record Nic(NetworkInterface nic, int address, int prefixLength, byte[] mac) {
        int network() {
            return address & Ipv4.netmask(prefixLength);
        }
    }

    private Nic checkInterface() throws ServiceException {
        String unavailable = InterfaceSockets.unavailableReason();
        if (unavailable != null) {
            throw new ServiceException(unavailable);
        }
        String name = config.interfaceName();
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                throw new ServiceException("there is no network interface named '" + name + "' — available: "
                        + NetworkInterfaces.names() + "; choose one with --interface");
            }
            if (nic.isLoopback()) {
                throw new ServiceException("DHCP cannot serve on the loopback interface " + name + ": no machine boots"
                        + " from it — choose the network interface the machines are plugged into with --interface");
            }
            if (!nic.isUp()) {
                throw new ServiceException("network interface " + name + " has no link or is down — plug in its cable or bring it up"
                        + " (ip link set " + name + " up), then start DHCP again");
            }
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress() instanceof Inet4Address) {
                    byte[] mac = nic.getHardwareAddress();
                    return new Nic(nic, Ipv4.of(address.getAddress()), address.getNetworkPrefixLength(),
                            mac != null && mac.length == 6 ? mac : randomMac());
                }
            }
            throw new ServiceException("network interface " + name + " has no IPv4 address: DHCP answers from it — give"
                    + " it one (e.g. ip addr add 10.0.0.1/24 dev " + name + ") or choose another with --interface");
        } catch (SocketException e) {
            throw new ServiceException("cannot read network interface " + name + ": " + e.getMessage(), e);
        }
    }

    /** A locally administered unicast MAC, for interfaces that have none. */
    private static byte[] randomMac() {
        byte[] mac = new byte[6];
        ThreadLocalRandom.current().nextBytes(mac);
        mac[0] = (byte) (mac[0] & 0xfc | 0x02);
        return mac;
    }

    @Override
    protected void doStart() throws ServiceException {
        Nic nic = checkInterface();
        ServerSettings settings = settings(nic);
        List<Notice> notices = new ArrayList<>();
        try {
            LeaseTable table = null;
            if (dhcp.mode() == DhcpMode.FULL) {
                table = openLeases(nic, settings, notices);
            }
            sockets = new InterfaceSockets(nic.nic().getName(), "dhcp-" + nic.nic().getName());
            EventLoop packetLoop = sockets.eventLoop();
            Channel[] channels = new Channel[2];
            DhcpServer.Transport transport = (message, length, address, port, fromPxePort) ->
                    InterfaceSockets.send(fromPxePort ? channels[1] : channels[0], message, length, address, port);
            Executor packetThread = task -> packetLoop.execute(() -> {
                task.run();
                channels[0].flush();
            });
            if (table != null && dhcp.conflictCheck()) {
                conflictCheck = new ReachabilityCheck(nic.nic(), CHECK_TIMEOUT, CHECK_THREADS, CHECK_QUEUE);
            }
            if (table != null) {
                try {
                    journal = LeaseJournal.open(journalFile(nic), table.snapshot(),
                            tokens -> packetThread.execute(() -> server.sendDurable(tokens)),
                            this::journalFailed, "dhcp-journal");
                } catch (AccessDeniedException e) {
                    throw stateDirProblem("permission denied", e);
                } catch (IOException e) {
                    throw stateDirProblem(e.getMessage(), e);
                }
            }
            DhcpServer packets = new DhcpServer(settings, bootPolicy, transport, bus::publish, System::currentTimeMillis,
                    table, journal, conflictCheck, packetThread);
            server = packets;
            loop = packetLoop;
            channels[0] = bind(DhcpServer.SERVER_PORT, packets, false);
            if (dhcp.mode() == DhcpMode.PROXY) {
                channels[1] = bind(DhcpServer.PXE_PORT, packets, true);
            }
            ProbeReport report = probe(nic);
            checkOthers(report, nic);
            packetLoop.submit(() -> packets.answering(true)).syncUninterruptibly();
            long period = DROP_REPORT_PERIOD.toMillis();
            packetLoop.scheduleAtFixedRate(() -> {
                String drops = packets.takeDropReport();
                if (drops != null) {
                    LOG.warn(drops);
                    bus.publish(Notice.warning(NAME, drops));
                }
            }, period, period, TimeUnit.MILLISECONDS);
            bus.publish(Notice.info(NAME, report.foundOthers() ? "⚠ " + report.summary() : "✓ " + report.summary()));
            notices.forEach(bus::publish);
            for (String warning : bootPolicy.startupWarnings()) {
                bus.publish(Notice.warning(NAME, warning));
            }
            if (!config.tftp().enabled()) {
                bus.publish(Notice.warning(NAME, "TFTP is not enabled: BIOS and UEFI PXE clients are told a boot file"
                        + " on this server's TFTP and cannot fetch it — start TFTP as well (--enable-tftp)"));
            }
            bus.publish(Notice.info(NAME, "✓ DHCP (" + dhcp.mode().flagValue() + ") on " + nic.nic().getName()
                    + " — " + describe(settings, table)));
        } catch (ServiceException e) {
            doStop();
            throw e;
        } catch (RuntimeException e) {
            doStop();
            throw new ServiceException("DHCP failed to start on " + config.interfaceName() + ": " + e, e);
        }
    }

    private String describe(ServerSettings settings, LeaseTable table) {
        if (table == null) {
            return "PXE clients are told to boot from " + Ipv4.format(settings.nextServer()) + "; no addresses handed out";
        }
        return "pool " + table.range() + " (" + table.capacity() + " addresses, " + table.inUse(System.currentTimeMillis())
                + " leased), lease " + DhcpConfig.formatDuration(dhcp.leaseTime())
                + (settings.router() == 0 ? "" : ", router " + Ipv4.format(settings.router()));
    }

    private ServerSettings settings(Nic nic) throws ServiceException {
        int nextServer;
        try {
            nextServer = Ipv4.parse(serverIp);
        } catch (IllegalArgumentException e) {
            throw new ServiceException("the server IP " + serverIp + " is not an IPv4 address — give one with --server-ip", e);
        }
        List<Integer> dns = new ArrayList<>();
        dhcp.dns().forEach(server -> dns.add(Ipv4.parse(server)));
        return new ServerSettings(nic.nic().getName(), dhcp.mode(), nic.address(), nextServer, nic.network(),
                nic.prefixLength(), dhcp.router() == null ? 0 : Ipv4.parse(dhcp.router()), dns, dhcp.domain(),
                dhcp.leaseTime());
    }

    private Path journalFile(Nic nic) {
        return dhcp.stateDir().resolve("dhcp-" + nic.nic().getName() + ".leases");
    }

    /** Full mode: the pool, reservations and the leases the journal holds. */
    private LeaseTable openLeases(Nic nic, ServerSettings settings, List<Notice> notices) throws ServiceException {
        Ipv4Range range = poolRange(nic);
        List<Reservation> reservations = List.of();
        if (dhcp.reservations() != null) {
            try {
                reservations = Reservations.read(dhcp.reservations());
            } catch (IOException e) {
                throw new ServiceException(e.getMessage(), e);
            }
            for (Reservation reservation : reservations) {
                if (!settings.inSubnet(reservation.address())) {
                    throw new ServiceException("the reservation " + reservation + " in " + dhcp.reservations()
                            + " is not in the subnet of " + nic.nic().getName() + " ("
                            + Ipv4.format(nic.network()) + "/" + nic.prefixLength() + ")");
                }
            }
        }
        Set<Integer> excluded = new HashSet<>(List.of(nic.address(), settings.nextServer(), settings.network(),
                settings.broadcast()));
        if (settings.router() != 0) {
            excluded.add(settings.router());
        }
        excluded.addAll(settings.dns());
        LeaseTable table = new LeaseTable(range, excluded, reservations);
        Path file = journalFile(nic);
        try {
            Files.createDirectories(dhcp.stateDir());
            LeaseJournal.Contents contents = LeaseJournal.read(file);
            table.restore(contents.records());
            if (contents.damagedLines() > 0) {
                notices.add(Notice.warning(NAME, "skipped " + contents.damagedLines() + " damaged line(s) of the lease"
                        + " journal " + file + " (a crash in the middle of a write); every complete lease is kept"));
            }
        } catch (AccessDeniedException e) {
            throw stateDirProblem("permission denied", e);
        } catch (IOException e) {
            throw stateDirProblem(e.getMessage(), e);
        }
        return table;
    }

    private ServiceException stateDirProblem(String reason, Exception e) {
        return new ServiceException("cannot keep DHCP leases in " + dhcp.stateDir() + ": " + reason
                + " — run as a user who may write there, or choose another folder with --state-dir", e);
    }

    /** The configured range, checked against the subnet; or the upper half of the subnet. */
    private Ipv4Range poolRange(Nic nic) throws ServiceException {
        int netmask = Ipv4.netmask(nic.prefixLength());
        String subnet = Ipv4.format(nic.network()) + "/" + nic.prefixLength();
        Ipv4Range range = dhcp.range();
        if (range == null) {
            if (nic.prefixLength() > 29) {
                throw new ServiceException("the subnet of " + nic.nic().getName() + " (" + subnet + ") is too small for"
                        + " an address pool — give the interface a larger subnet, or a range with --dhcp-range");
            }
            int size = 1 << (32 - nic.prefixLength());
            return new Ipv4Range(nic.network() + size / 2, (nic.network() | ~netmask) - 1);
        }
        if ((range.first() & netmask) != nic.network() || (range.last() & netmask) != nic.network()) {
            throw new ServiceException("the DHCP range " + range + " is not inside the subnet of " + nic.nic().getName()
                    + " (" + subnet + ") — give a range inside it with --dhcp-range");
        }
        return range;
    }

    private Channel bind(int port, DhcpServer packets, boolean pxePort) throws ServiceException {
        byte[] scratch = new byte[MAX_DATAGRAM];
        try {
            return sockets.bind(port, false, (content, sender) -> received(packets, scratch, content, sender, pxePort));
        } catch (InterfaceSockets.BindFailure e) {
            throw new ServiceException(explain(e, port), e);
        }
    }

    private static void received(DhcpServer packets, byte[] scratch, ByteBuf content,
                                 InetSocketAddress sender, boolean pxePort) {
        int length = Math.min(content.readableBytes(), scratch.length);
        content.getBytes(content.readerIndex(), scratch, 0, length);
        int source = sender.getAddress() instanceof Inet4Address v4 ? Ipv4.of(v4) : 0;
        try {
            packets.handle(scratch, length, source, sender.getPort(), pxePort);
        } catch (RuntimeException e) {
            LOG.error("DHCP packet handling failed; the packet is dropped and the server goes on", e);
        }
    }

    private String explain(InterfaceSockets.BindFailure failure, int port) {
        String nic = config.interfaceName();
        return switch (failure.kind()) {
            case PERMISSION -> failure.getMessage() + " — run regional-client as root, or grant the program"
                    + " cap_net_bind_service and cap_net_raw (the LPMOS Console package does this for its launcher)";
            case IN_USE -> "port " + port + " on " + nic + " is in use by another DHCP server on this machine"
                    + " (dnsmasq, dhcpd, kea?) — stop it or choose another interface with --interface";
            case NO_DEVICE, OTHER -> failure.getMessage();
        };
    }

    private ProbeReport probe(Nic nic) throws ServiceException {
        try {
            ProbeReport report = RogueServerProbe.run(sockets, nic.nic().getName(), nic.mac(), probeTime);
            return withoutSelf(report, nic.address());
        } catch (InterfaceSockets.BindFailure e) {
            if (dhcp.mode() == DhcpMode.FULL && !dhcp.ignoreOtherServers()) {
                throw new ServiceException("cannot look for other DHCP servers on " + nic.nic().getName() + " ("
                        + e.getMessage() + ") — full mode does not start blind: stop the DHCP client using port 68,"
                        + " or start anyway with --dhcp-ignore-other-servers", e);
            }
            bus.publish(Notice.warning(NAME, "could not look for other DHCP servers on " + nic.nic().getName() + ": "
                    + e.getMessage()));
            return new ProbeReport(nic.nic().getName(), Duration.ZERO, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while looking for other DHCP servers", e);
        }
    }

    private static ProbeReport withoutSelf(ProbeReport report, int ownAddress) {
        String own = Ipv4.format(ownAddress);
        return new ProbeReport(report.interfaceName(), report.listened(),
                report.servers().stream().filter(server -> !server.address().equals(own)).toList());
    }

    private void checkOthers(ProbeReport report, Nic nic) throws ServiceException {
        if (dhcp.mode() != DhcpMode.FULL || !report.foundOthers()) {
            return;
        }
        if (dhcp.ignoreOtherServers()) {
            bus.publish(Notice.warning(NAME, report.summary() + " — starting full mode anyway"
                    + " (--dhcp-ignore-other-servers): clients may get addresses from either server"));
            return;
        }
        throw new ServiceException(report.summary() + " — two servers handing out addresses break a network: use"
                + " proxy mode (--dhcp-mode=proxy) beside it, or start anyway with --dhcp-ignore-other-servers");
    }

    /**
     * Looks for other DHCP servers on the interface now (~2 s), for the console's Probe action: works
     * whether or not the service runs (its own answers are left out). Blocking; call off the FX thread.
     *
     * @throws ServiceException when the probe cannot run (platform, interface, privileges), in operator words
     */
    public ProbeReport probe() throws ServiceException {
        Nic nic = checkInterface();
        try (InterfaceSockets probeSockets = new InterfaceSockets(nic.nic().getName(), "dhcp-probe")) {
            return withoutSelf(RogueServerProbe.run(probeSockets, nic.nic().getName(), nic.mac(), probeTime), nic.address());
        } catch (InterfaceSockets.BindFailure e) {
            throw new ServiceException("cannot look for other DHCP servers on " + nic.nic().getName() + ": "
                    + explain(e, DhcpServer.CLIENT_PORT), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while looking for other DHCP servers", e);
        }
    }

    /** The leases that have not ended (full mode); empty when stopped or in proxy mode. Waits at most 2 s. */
    public List<Lease> leases() {
        DhcpServer current = server;
        EventLoop packetLoop = loop;
        if (current == null || packetLoop == null) {
            return List.of();
        }
        try {
            return packetLoop.submit(current::leases).get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private void journalFailed(IOException e) {
        reportFailure("cannot write the DHCP lease journal in " + dhcp.stateDir() + ": " + e.getMessage()
                + " — no lease is acknowledged without it; free disk space or fix the folder, then start DHCP again");
    }

    @Override
    protected void doStop() {
        DhcpServer current = server;
        EventLoop packetLoop = loop;
        server = null;
        loop = null;
        if (current != null && packetLoop != null && !packetLoop.isShuttingDown()) {
            packetLoop.submit(() -> current.answering(false)).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
        if (sockets != null) {
            sockets.close();
            sockets = null;
        }
        if (conflictCheck != null) {
            conflictCheck.close();
            conflictCheck = null;
        }
    }
}
