package io.lpmos.engine.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A packet-dropping shim between one TFTP client and the server, on loopback: the client sends its
 * request to {@link #port()}, and every packet of the transfer passes through the relay, which keeps
 * the two transfer IDs apart (the client sees the relay's second port as the server's TID) and drops
 * the n-th packet of a direction when a rule says so. For loss-recovery tests with in-process and
 * real clients. Two threads; {@link #close()} stops them.
 */
final class LossyRelay implements AutoCloseable {
    private final InetSocketAddress server;
    private final DatagramSocket clientFacing;
    private final DatagramSocket serverFacing;
    private final IntPredicate dropToClient;
    private final IntPredicate dropToServer;
    private final AtomicInteger toClient = new AtomicInteger();
    private final AtomicInteger toServer = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile InetSocketAddress client;
    private volatile InetSocketAddress serverTid;
    private final DatagramSocket transferFacing;

    /**
     * @param dropToClient given the 1-based number of a packet from the server, whether to drop it
     * @param dropToServer the same for packets from the client
     */
    LossyRelay(InetSocketAddress server, IntPredicate dropToClient, IntPredicate dropToServer) throws SocketException {
        this.server = server;
        this.dropToClient = dropToClient;
        this.dropToServer = dropToServer;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.clientFacing = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.serverFacing = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.transferFacing = new DatagramSocket(new InetSocketAddress(loopback, 0));
        start("relay-requests", this::relayRequests);
        start("relay-server", this::relayFromServer);
        start("relay-client", this::relayFromClient);
    }

    /** Drops every {@code n}-th packet (n, 2n, 3n, ...). */
    static IntPredicate everyNth(int n) {
        return count -> count % n == 0;
    }

    /** Drops each packet with probability {@code p}, from a seeded generator so that a run can be repeated. */
    static IntPredicate randomly(double p, long seed) {
        java.util.Random random = new java.util.Random(seed);
        return count -> random.nextDouble() < p;
    }

    static IntPredicate none() {
        return count -> false;
    }

    int port() {
        return clientFacing.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** The request port: the client's requests go to the server's request port, untouched. */
    private void relayRequests() {
        byte[] buffer = new byte[70_000];
        while (!clientFacing.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                clientFacing.receive(packet);
                client = (InetSocketAddress) packet.getSocketAddress();
                serverFacing.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Server → client, sent from the transfer-facing socket, which the client takes for the server's TID. */
    private void relayFromServer() {
        relay(serverFacing, toClient, dropToClient, transferFacing, from -> {
            serverTid = from;
            return client;
        });
    }

    /** Client → server's TID. */
    private void relayFromClient() {
        relay(transferFacing, toServer, dropToServer, serverFacing, from -> serverTid);
    }

    /**
     * Forwards what {@code in} receives through {@code out} to where {@code destination} says (given
     * the sender), dropping the packets {@code drop} picks by their number in {@code count}.
     */
    private void relay(DatagramSocket in, AtomicInteger count, IntPredicate drop, DatagramSocket out,
                       java.util.function.UnaryOperator<InetSocketAddress> destination) {
        byte[] buffer = new byte[70_000];
        while (!in.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                in.receive(packet);
                InetSocketAddress to = destination.apply((InetSocketAddress) packet.getSocketAddress());
                if (to == null || drop.test(count.incrementAndGet())) {
                    dropped.incrementAndGet();
                    continue;
                }
                out.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        clientFacing.close();
        serverFacing.close();
        transferFacing.close();
        for (Thread thread : threads) {
            thread.join(2000);
        }
    }
}
