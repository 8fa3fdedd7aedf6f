package io.lpmos.engine.tftp;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.config.TftpConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.lifecycle.AbstractService;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.net.NetworkInterfaces;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TFTP service of SPEC §4: a read-only server (RFC 1350 with the option extension RFC 2347,
 * {@code blksize} RFC 2348, {@code timeout}/{@code tsize} RFC 2349, {@code windowsize} RFC 7440) for PXE
 * firmware. What a request maps to is the {@link TftpFileSource}'s decision; this class holds no boot
 * policy.
 *
 * <p>One listener thread reads requests from the server port and hands each read request to a
 * {@link Transfer} on a thread of its own with its own socket, up to {@code maxTransfers} at once, so
 * no transfer waits for another. A request repeated from the same client port while its transfer
 * runs is ignored (the transfer answers it); a different request from that port replaces the
 * transfer. Write requests get error 2, stray DATA/ACK error 5, anything unreadable error 4; packets
 * that are no request are counted, never published one by one, and reported at most every
 * {@value #MALFORMED_REPORT_SECONDS} s. The listener never lets an exception out of its loop.
 *
 * <p>Binds to the IPv4 address of {@code --interface} when one is chosen, else to {@code --listen-address}.
 * Everything is created anew on each start; thread-safe.
 */
public final class TftpService extends AbstractService {
    private static final Logger LOG = LoggerFactory.getLogger(TftpService.class);
    public static final String NAME = "tftp";
    static final long MALFORMED_REPORT_SECONDS = 10;
    private static final int LISTENER_BUFFER_BYTES = 65_536;
    private static final int LISTENER_RECEIVE_BUFFER = 1024 * 1024;
    private static final long STOP_WAIT_MILLIS = 3000;

    private final EngineConfig config;
    private final TftpConfig tftp;
    private final EventBus bus;
    private final TftpFileSource source;
    private final AtomicLong transferIds = new AtomicLong();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final ConcurrentHashMap<InetSocketAddress, Transfer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    private volatile DatagramChannel listener;
    private volatile Thread listenerThread;
    private volatile ThreadPoolExecutor transfers;
    private volatile LinkMtu linkMtu;
    private volatile TransferTimer timer;
    private volatile InetAddress bindAddress;
    private long malformedReported;
    private long nextMalformedReport;

    /**
     * @param config its {@code tftp} part, {@code interfaceName} and {@code listenAddress} are used
     * @param source decides what each read request maps to
     */
    public TftpService(EngineConfig config, EventBus bus, TftpFileSource source) {
        super(NAME);
        this.config = config;
        this.tftp = config.tftp();
        this.bus = bus;
        this.source = source;
    }

    @Override
    protected void doStart() throws ServiceException {
        InetAddress address = bindAddress();
        LinkMtu mtu;
        try {
            mtu = LinkMtu.forBinding(address);
        } catch (SocketException e) {
            throw new ServiceException("cannot read the network interfaces for TFTP: " + e.getMessage(), e);
        }
        DatagramChannel channel;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
        } catch (IOException e) {
            throw new ServiceException("cannot open a UDP socket for TFTP: " + e.getMessage(), e);
        }
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, LISTENER_RECEIVE_BUFFER);
            channel.bind(new InetSocketAddress(address, tftp.port()));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ServiceException(explainBindFailure(e, address.getHostAddress(), tftp.port()), e);
        }
        TransferTimer clock;
        try {
            clock = new TransferTimer(address);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ServiceException("cannot open the TFTP timer socket on " + address.getHostAddress() + ": "
                    + e.getMessage(), e);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(tftp.maxTransfers(), tftp.maxTransfers(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new TransferThreads());
        pool.allowCoreThreadTimeOut(true);
        linkMtu = mtu;
        timer = clock;
        bindAddress = address;
        transfers = pool;
        listener = channel;
        malformedReported = 0;
        nextMalformedReport = 0;
        Thread thread = new Thread(() -> listen(channel), "tftp-listener");
        thread.setDaemon(true);
        listenerThread = thread;
        thread.start();
        bus.publish(Notice.info(name(), "✓ TFTP server listening on " + address.getHostAddress() + ":" + boundPort()));
    }

    /** The IPv4 address to serve on: {@code --interface}'s, else {@code --listen-address}. */
    private InetAddress bindAddress() throws ServiceException {
        String host;
        if (config.interfaceName() != null) {
            try {
                host = NetworkInterfaces.ipv4Of(config.interfaceName()).orElseThrow(() -> new ServiceException(
                        "interface " + config.interfaceName() + " has no IPv4 address for TFTP — give it one or"
                                + " choose another --interface"));
            } catch (SocketException e) {
                throw new ServiceException(e.getMessage() + " — choose another --interface", e);
            }
        } else {
            host = config.listenAddress();
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ServiceException("cannot serve TFTP on " + host + ": not an address — check --listen-address", e);
        }
        if (address.isAnyLocalAddress()) {
            return anyIpv4();
        }
        if (!(address instanceof Inet4Address)) {
            throw new ServiceException("TFTP serves IPv4 only and " + host + " is an IPv6 address — give an IPv4"
                    + " --listen-address or an --interface");
        }
        return address;
    }

    private static InetAddress anyIpv4() throws ServiceException {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new ServiceException("cannot build the IPv4 wildcard address", e);
        }
    }

    /** One operator-worded line for a failed bind, naming the next step. */
    static String explainBindFailure(IOException e, String host, int port) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("ermission")) {
            return "port " + port + " needs privileges — run as root, grant cap_net_bind_service"
                    + " (setcap cap_net_bind_service=+ep on the program), or choose a port above 1023 with --tftp-port";
        }
        if (message.contains("in use")) {
            return "port " + port + " (UDP) is in use, perhaps by another TFTP server (tftpd-hpa, atftpd, dnsmasq)"
                    + " — stop it or choose another port with --tftp-port";
        }
        if (message.contains("assign")) {
            return "cannot serve TFTP on " + host + ":" + port + " — that address is not on this machine;"
                    + " check --interface and --listen-address";
        }
        return "cannot serve TFTP on " + host + ":" + port + ": " + message;
    }

    private void listen(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(LISTENER_BUFFER_BYTES);
        while (true) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    break;
                }
                LOG.debug("TFTP receive failed", e);
                continue;
            }
            received.increment();
            try {
                handle(channel, (InetSocketAddress) from, buffer.array(), buffer.position());
            } catch (IOException | RuntimeException e) {
                malformed.increment();
                LOG.debug("TFTP packet from {} not handled", from, e);
            }
        }
        if (listener == channel) {
            reportFailure("the TFTP socket was closed unexpectedly — start TFTP again");
        }
    }

    private void handle(DatagramChannel channel, InetSocketAddress from, byte[] data, int length) throws IOException {
        int opcode = length < 2 ? -1 : (data[0] & 0xFF) << 8 | data[1] & 0xFF;
        switch (opcode) {
            case 1, 2 -> {
                TftpRequest request;
                try {
                    request = TftpRequest.parse(data, length, from);
                } catch (TftpRequest.MalformedRequest e) {
                    unreadable(channel, from, e.getMessage());
                    return;
                }
                if (request.write()) {
                    refuse(channel, from, request, TftpErrorCode.ACCESS_VIOLATION,
                            "Access violation: this server is read-only");
                } else {
                    dispatch(channel, from, request);
                }
            }
            case Transfer.OP_DATA, Transfer.OP_ACK ->
                    channel.send(TftpPackets.error(TftpErrorCode.UNKNOWN_TRANSFER_ID, "Unknown transfer ID"), from);
            case Transfer.OP_ERROR -> malformed.increment();
            default -> unreadable(channel, from, "Illegal TFTP operation");
        }
    }

    private void dispatch(DatagramChannel channel, InetSocketAddress from, TftpRequest request) throws IOException {
        Transfer previous = byClient.get(from);
        if (previous != null) {
            if (previous.request().sameAs(request)) {
                return;
            }
            previous.stop(Transfer.StopReason.SUPERSEDED);
        }
        if (running.get() >= tftp.maxTransfers()) {
            refuse(channel, from, request, TftpErrorCode.NOT_DEFINED,
                    "Server busy: " + tftp.maxTransfers() + " transfers running, try again");
            return;
        }
        int blockLimit = Math.min(tftp.maxBlockSize(), linkMtu.blockLimitFor(from.getAddress()));
        Transfer.Limits limits = new Transfer.Limits(blockLimit, tftp.maxWindowSize(), tftp.timeoutMillis(),
                tftp.retries());
        Transfer transfer = new Transfer(transferIds.incrementAndGet(), from, request, source, limits, bindAddress, timer,
                bus, ended -> {
                    byClient.remove(from, ended);
                    running.decrementAndGet();
                });
        running.incrementAndGet();
        byClient.put(from, transfer);
        transfers.execute(transfer);
    }

    /** Answers a well-formed request with an error from the server port, and reports it as a transfer. */
    private void refuse(DatagramChannel channel, InetSocketAddress from, TftpRequest request, TftpErrorCode code,
                        String message) throws IOException {
        channel.send(TftpPackets.error(code, message), from);
        bus.publish(new TftpTransfer(Instant.now(), transferIds.incrementAndGet(), from.getAddress().getHostAddress(),
                from.getPort(), request.filename(), request.mode().label(), TftpTransfer.Options.NONE, 0, -1,
                Duration.ZERO, TftpTransfer.Outcome.ERROR, code.code(), message));
    }

    /** Answers what cannot be read as a request with error 4; counted and reported in bulk, never one event each. */
    private void unreadable(DatagramChannel channel, InetSocketAddress from, String reason) throws IOException {
        malformed.increment();
        channel.send(TftpPackets.error(TftpErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation"), from);
        long now = System.nanoTime();
        if (now - nextMalformedReport >= 0) {
            long total = malformed.sum();
            long since = total - malformedReported;
            malformedReported = total;
            nextMalformedReport = now + TimeUnit.SECONDS.toNanos(MALFORMED_REPORT_SECONDS);
            bus.publish(Notice.warning(name(), "ignored " + since + " unreadable TFTP packet" + (since == 1 ? "" : "s")
                    + " (last from " + from.getAddress().getHostAddress() + ": " + reason + ")"));
        }
    }

    @Override
    protected void doStop() {
        DatagramChannel channel = listener;
        listener = null;
        if (channel != null) {
            closeQuietly(channel);
        }
        Thread thread = listenerThread;
        listenerThread = null;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Transfer transfer : List.copyOf(byClient.values())) {
            transfer.stop(Transfer.StopReason.SERVER_STOPPING);
        }
        ThreadPoolExecutor pool = transfers;
        transfers = null;
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.warn("TFTP transfers still running {} ms after stop", STOP_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byClient.clear();
        TransferTimer clock = timer;
        timer = null;
        if (clock != null) {
            clock.close();
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the TFTP socket", e);
        }
    }

    /** The UDP port actually bound (useful with {@code --tftp-port=0}), or -1 when not running. */
    public int boundPort() {
        InetSocketAddress address = boundAddress();
        return address == null ? -1 : address.getPort();
    }

    /** The bound socket address, or null when not running. */
    public InetSocketAddress boundAddress() {
        DatagramChannel channel = listener;
        if (channel == null) {
            return null;
        }
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Transfers running now. */
    public int activeTransfers() {
        return running.get();
    }

    /** Packets read from the server port since the service was built. */
    public long receivedPackets() {
        return received.sum();
    }

    /** Packets on the server port that were not requests this server could read, since the service was built. */
    public long unreadablePackets() {
        return malformed.sum();
    }

    /** Names transfer threads {@code tftp-transfer-<n>}; daemons, so a stuck transfer never holds the JVM. */
    private static final class TransferThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "tftp-transfer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
