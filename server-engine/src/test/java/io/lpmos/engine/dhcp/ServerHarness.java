package io.lpmos.engine.dhcp;

import io.lpmos.engine.boot.BootPolicy;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link DhcpServer} without sockets for tests: replies land in a queue, events in a list, the
 * server runs on its own single packet thread (as under the service), full mode writes a real
 * journal in a temporary folder, and the clock is the test's.
 */
final class ServerHarness implements AutoCloseable {
    static final int SERVER = Ipv4.parse("10.0.0.1");
    static final int NETWORK = Ipv4.parse("10.0.0.0");

    /** A reply as the server handed it to the transport. */
    record Sent(DhcpPacket packet, int address, int port, boolean fromPxePort, byte[] bytes) {
    }

    final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    final List<DhcpExchange> events = new CopyOnWriteArrayList<>();
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    final ExecutorService packetThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-packets"));
    final Path journalFile;
    final DhcpServer server;
    private final LeaseJournal journal;
    /** Runs on the packet thread when a reply is sent, before it is queued (e.g. to look at the journal then). */
    volatile Consumer<Sent> onSend = sent -> { };

    ServerHarness(DhcpMode mode, BootPolicy policy, Path stateDir, Ipv4Range range, List<Reservation> reservations)
            throws Exception {
        ServerSettings settings = new ServerSettings("test0", mode, SERVER, SERVER, NETWORK, 24,
                Ipv4.parse("10.0.0.254"), List.of(Ipv4.parse("10.0.0.53")), "lab.test", Duration.ofHours(1));
        DhcpServer.Transport transport = (message, length, address, port, fromPxePort) -> {
            byte[] copy = Arrays.copyOf(message, length);
            try {
                Sent reply = new Sent(DhcpPacket.parse(copy, 0, copy.length), address, port, fromPxePort, copy);
                onSend.accept(reply);
                sent.add(reply);
            } catch (MalformedPacketException e) {
                throw new AssertionError("the server sent a malformed reply", e);
            }
        };
        LeaseTable table = null;
        if (mode == DhcpMode.FULL) {
            journalFile = stateDir.resolve("dhcp-test0.leases");
            table = new LeaseTable(range, Set.of(SERVER, Ipv4.parse("10.0.0.254"), Ipv4.parse("10.0.0.53")),
                    reservations);
            table.restore(LeaseJournal.read(journalFile).records());
            DhcpServer[] self = new DhcpServer[1];
            journal = LeaseJournal.open(journalFile, table.snapshot(),
                    tokens -> packetThread.execute(() -> self[0].sendDurable(tokens)),
                    e -> { throw new AssertionError(e); }, "test-journal");
            server = new DhcpServer(settings, policy, transport, events::add, now::get, table, journal, null,
                    packetThread);
            self[0] = server;
        } else {
            journalFile = null;
            journal = null;
            server = new DhcpServer(settings, policy, transport, events::add, now::get, null, null, null, packetThread);
        }
        onPacketThread(() -> server.answering(true));
    }

    void onPacketThread(Runnable task) throws Exception {
        packetThread.submit(task).get(5, TimeUnit.SECONDS);
    }

    /** Hands {@code request} to the server as if it arrived on port 67 (or 4011) from {@code source}. */
    void receive(DhcpPacket request, int source, int sourcePort, boolean pxePort) throws Exception {
        byte[] out = new byte[1500];
        int length = request.encode(out, 1500);
        receiveRaw(out, length, source, sourcePort, pxePort);
    }

    void receive(DhcpPacket request) throws Exception {
        receive(request, 0, 68, false);
    }

    void receiveRaw(byte[] bytes, int length, int source, int sourcePort, boolean pxePort) throws Exception {
        onPacketThread(() -> server.handle(bytes, length, source, sourcePort, pxePort));
    }

    /**
     * The next reply, waiting up to 5 s, once the packet thread has finished the task that sent it (so
     * the exchange's event, published after the send, is there too).
     */
    Sent reply() throws Exception {
        Sent reply = sent.poll(5, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply within 5 s; events: " + events);
        }
        onPacketThread(() -> { });
        return reply;
    }

    /** Asserts that nothing is sent within 300 ms. */
    void noReply() throws InterruptedException {
        Sent reply = sent.poll(300, TimeUnit.MILLISECONDS);
        if (reply != null) {
            throw new AssertionError("expected no reply, got " + reply.packet().messageType() + " to "
                    + Ipv4.format(reply.address()));
        }
    }

    @Override
    public void close() throws Exception {
        if (journal != null) {
            journal.close();
        }
        packetThread.shutdownNow();
        packetThread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
