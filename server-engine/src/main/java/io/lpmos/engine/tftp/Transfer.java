package io.lpmos.engine.tftp;

import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.TftpProgress;
import io.lpmos.engine.events.TftpTransfer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read transfer, run on its own thread from the request to the last acknowledgement, on its own
 * UDP socket (its transfer ID). Sends the OACK when options were agreed, then windows of DATA blocks
 * (RFC 7440; a window of one is RFC 1350's lock-step), each block read anew from the file with a
 * positional read into one reused direct buffer, so the hot path allocates nothing and a
 * retransmission is a re-read from the page cache.
 *
 * <p>Acknowledgements: one for a block inside the window in flight moves the window there (for the
 * last block of the window the next window follows; for an earlier one the client saw a gap and the
 * window restarts after it). Any other (a duplicate, a stale one) is ignored and leaves the timer as
 * it is, so duplicate ACKs never cause the Sorcerer's Apprentice bug. Block numbers are the low 16 bits
 * of a 64-bit block counter, so they roll over past 65535 (to 0, as tftpd-hpa and atftpd do).
 * Packets from any other address or port get error 5 and change nothing. When the timeout passes
 * without progress, the window is sent again from the first unacknowledged block, at most
 * {@code retries} times.
 *
 * <p>Publishes one {@link TftpTransfer} when it ends and, for transfers running longer than
 * {@value TftpProgress#INTERVAL_MILLIS} ms, a {@link TftpProgress} at most that often.
 *
 * <p>Threading: {@link #run()} runs on one transfer thread and owns all state; {@link #stop},
 * {@link #deadline()} and {@link #wakeAddress()} may be called from any thread.
 */
final class Transfer implements Runnable, TransferTimer.Waiter {
    private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);

    static final int OP_DATA = 3;
    static final int OP_ACK = 4;
    static final int OP_ERROR = 5;
    static final int OP_OACK = 6;
    private static final long PROGRESS_INTERVAL_NANOS = TftpProgress.INTERVAL_MILLIS * 1_000_000;
    private static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int RECEIVE_BYTES = 1024;
    /** Longest client error message kept for the event. */
    private static final int MAX_DETAIL = 200;

    /** What {@link #await} saw. */
    private enum Heard { ACK, CLIENT_ERROR, TIMEOUT, STOPPED }

    /** Why a transfer is asked to stop from outside its thread. */
    enum StopReason { SERVER_STOPPING, SUPERSEDED }

    /**
     * Everything a transfer needs from the service.
     *
     * @param blockLimit      the largest block size for this client (server setting and link MTU)
     * @param windowLimit     the largest window
     * @param timeoutMillis   the server's retransmission timeout
     * @param retries         retransmissions before giving up
     */
    record Limits(int blockLimit, int windowLimit, int timeoutMillis, int retries) {
    }

    private final long id;
    private final InetSocketAddress client;
    private final TftpRequest request;
    private final TftpFileSource source;
    private final Limits limits;
    private final InetAddress bindAddress;
    private final TransferTimer timer;
    private final EventBus bus;
    private final Consumer<Transfer> onEnd;
    private final long startNanos = System.nanoTime();
    private volatile StopReason stopReason;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile InetSocketAddress wakeAddress;

    private DatagramChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(RECEIVE_BYTES);
    private int heardBlock;
    private int heardErrorCode;
    private String heardErrorMessage;

    private TftpTransfer.Options agreed = TftpTransfer.Options.NONE;
    private TftpTransfer.Outcome outcome = TftpTransfer.Outcome.ERROR;
    private int errorCode;
    private String detail = "";
    private long ackedBytes;
    private long size = -1;

    /**
     * @param bindAddress the address the transfer's own socket binds to (a free port on it)
     * @param onEnd       told on the transfer's thread, once its event is published, that it has ended
     */
    Transfer(long id, InetSocketAddress client, TftpRequest request, TftpFileSource source, Limits limits,
             InetAddress bindAddress, TransferTimer timer, EventBus bus, Consumer<Transfer> onEnd) {
        this.id = id;
        this.client = client;
        this.request = request;
        this.source = source;
        this.limits = limits;
        this.bindAddress = bindAddress;
        this.timer = timer;
        this.bus = bus;
        this.onEnd = onEnd;
    }

    TftpRequest request() {
        return request;
    }

    /** Asks the transfer to end; safe from any thread. It ends within moments, publishing its event. */
    void stop(StopReason reason) {
        stopReason = reason;
        timer.wake(this);
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public InetSocketAddress wakeAddress() {
        return wakeAddress;
    }

    @Override
    public void run() {
        try (DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel = socket;
            socket.bind(new InetSocketAddress(bindAddress, 0));
            socket.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
            wakeAddress = new InetSocketAddress(bindAddress.isAnyLocalAddress()
                    ? InetAddress.getLoopbackAddress() : bindAddress, port);
            timer.add(this);
            if (stopReason != null) {
                stopped();
                return;
            }
            serve();
        } catch (AsynchronousCloseException e) {
            end(TftpTransfer.Outcome.ERROR, TftpErrorCode.NOT_DEFINED.code(), "the TFTP service stopped");
        } catch (IOException e) {
            LOG.debug("TFTP transfer {} of {} to {} failed", id, request.filename(), client, e);
            end(TftpTransfer.Outcome.ERROR, TftpErrorCode.NOT_DEFINED.code(), "I/O error: " + e.getMessage());
            sendErrorQuietly(TftpErrorCode.NOT_DEFINED, "Server I/O error");
        } catch (RuntimeException e) {
            LOG.warn("TFTP transfer {} of {} to {} failed: {}", id, request.filename(), client, e.toString(), e);
            end(TftpTransfer.Outcome.ERROR, TftpErrorCode.NOT_DEFINED.code(), "internal error: " + e);
        } finally {
            timer.remove(this);
            publishEnd();
            onEnd.accept(this);
        }
    }

    private void serve() throws IOException {
        TftpFileSource.OpenedFile file;
        try {
            file = source.open(request.filename(), client);
        } catch (TftpRefusal refusal) {
            sendError(refusal.code(), refusal.getMessage());
            end(TftpTransfer.Outcome.ERROR, refusal.code().code(), refusal.getMessage());
            return;
        }
        try (FileChannel data = file.channel()) {
            size = file.size();
            OptionNegotiation.Negotiated negotiated = OptionNegotiation.negotiate(request.options(), request.mode(),
                    size, limits.blockLimit(), limits.windowLimit(), limits.timeoutMillis());
            agreed = negotiated.agreed();
            long timeoutNanos = negotiated.timeoutMillis() * 1_000_000L;
            ByteBuffer out = ByteBuffer.allocateDirect(4 + Math.max(negotiated.blockSize(), RECEIVE_BYTES));
            if (negotiated.sendsOack() && !negotiate(out, negotiated.oack(), timeoutNanos)) {
                return;
            }
            BlockSource blocks = BlockSource.of(request.mode(), data, size, negotiated.blockSize(),
                    negotiated.windowSize());
            sendBlocks(blocks, out, negotiated.blockSize(), negotiated.windowSize(), timeoutNanos);
        }
    }

    /** Sends the OACK until ACK 0 arrives; false when the transfer ended instead (error 8, timeout, stop). */
    private boolean negotiate(ByteBuffer out, Map<String, String> oack, long timeoutNanos) throws IOException {
        out.clear();
        out.putShort((short) OP_OACK);
        for (Map.Entry<String, String> option : oack.entrySet()) {
            out.put(option.getKey().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            out.put(option.getValue().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        out.flip();
        int tries = 0;
        while (true) {
            out.rewind();
            send(out);
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                Heard heard = await(deadline);
                if (heard == Heard.ACK) {
                    if (heardBlock == 0) {
                        return true;
                    }
                    continue;
                }
                if (heard == Heard.TIMEOUT) {
                    if (++tries > limits.retries()) {
                        timedOut();
                        return false;
                    }
                    break;
                }
                if (heard == Heard.CLIENT_ERROR) {
                    clientAborted();
                } else {
                    stopped();
                }
                return false;
            }
        }
    }

    private void sendBlocks(BlockSource blocks, ByteBuffer out, int blockSize, int windowSize, long timeoutNanos)
            throws IOException {
        long acked = 0;
        long finalBlock = -1;
        int finalLength = 0;
        int tries = 0;
        long nextProgress = startNanos + PROGRESS_INTERVAL_NANOS;
        while (true) {
            long last = acked;
            long end = acked + windowSize;
            for (long block = acked + 1; block <= end && (finalBlock < 0 || block <= finalBlock); block++) {
                out.clear();
                out.putShort((short) OP_DATA).putShort((short) block);
                int length = blocks.read(block, out);
                out.flip();
                send(out);
                last = block;
                if (length < blockSize) {
                    finalBlock = block;
                    finalLength = length;
                    break;
                }
            }
            long deadline = System.nanoTime() + timeoutNanos;
            boolean moved = false;
            while (!moved) {
                Heard heard = await(deadline);
                switch (heard) {
                    case ACK -> {
                        long block = acked + 1 + ((heardBlock - (acked + 1)) & 0xFFFF);
                        if (block <= last) {
                            acked = block;
                            tries = 0;
                            moved = true;
                            ackedBytes = block == finalBlock ? (block - 1) * blockSize + finalLength : block * blockSize;
                            if (block == finalBlock) {
                                end(TftpTransfer.Outcome.COMPLETE, 0, "");
                                return;
                            }
                            long now = System.nanoTime();
                            if (now >= nextProgress) {
                                nextProgress = now + PROGRESS_INTERVAL_NANOS;
                                publishProgress(blocks.wireSize(), now);
                            }
                        }
                    }
                    case TIMEOUT -> {
                        if (++tries > limits.retries()) {
                            timedOut();
                            return;
                        }
                        moved = true;
                    }
                    case CLIENT_ERROR -> {
                        clientAborted();
                        return;
                    }
                    case STOPPED -> {
                        stopped();
                        return;
                    }
                }
            }
        }
    }

    /**
     * Waits until {@code until} for an ACK or ERROR from the client, answering strays from other
     * transfer IDs with error 5 and ignoring anything else (the timer's pokes among it).
     */
    private Heard await(long until) throws IOException {
        deadline = until;
        try {
            while (true) {
                if (stopReason != null) {
                    return Heard.STOPPED;
                }
                if (System.nanoTime() - until >= 0) {
                    return Heard.TIMEOUT;
                }
                in.clear();
                SocketAddress from = channel.receive(in);
                in.flip();
                if (in.remaining() < 4) {
                    continue;
                }
                int opcode = in.getShort(0) & 0xFFFF;
                if (!client.equals(from)) {
                    if (opcode >= 1 && opcode <= OP_OACK) {
                        strayTransferId(from);
                    }
                    continue;
                }
                if (opcode == OP_ACK) {
                    heardBlock = in.getShort(2) & 0xFFFF;
                    return Heard.ACK;
                }
                if (opcode == OP_ERROR) {
                    heardErrorCode = in.getShort(2) & 0xFFFF;
                    heardErrorMessage = asciiz(in, 4);
                    return Heard.CLIENT_ERROR;
                }
            }
        } finally {
            deadline = Long.MAX_VALUE;
        }
    }

    private void strayTransferId(SocketAddress stray) throws IOException {
        ByteBuffer error = TftpPackets.error(TftpErrorCode.UNKNOWN_TRANSFER_ID, "Unknown transfer ID");
        channel.send(error, stray);
    }

    /** Sends a packet to the client; blocks while the socket's send buffer is full. */
    private void send(ByteBuffer packet) throws IOException {
        channel.send(packet, client);
    }

    private void sendError(TftpErrorCode code, String message) throws IOException {
        channel.send(TftpPackets.error(code, message), client);
    }

    private void sendErrorQuietly(TftpErrorCode code, String message) {
        try {
            DatagramChannel c = channel;
            if (c != null && c.isOpen()) {
                sendError(code, message);
            }
        } catch (IOException e) {
            LOG.debug("could not tell {} about the failure", client, e);
        }
    }

    private void clientAborted() {
        String message = heardErrorMessage.isEmpty() ? "" : ": " + heardErrorMessage;
        end(TftpTransfer.Outcome.ABORTED_BY_CLIENT, heardErrorCode, "client sent error " + heardErrorCode + message);
    }

    private void timedOut() {
        end(TftpTransfer.Outcome.TIMED_OUT, 0, "no answer after " + limits.retries() + " retransmissions");
    }

    private void stopped() throws IOException {
        if (stopReason == StopReason.SUPERSEDED) {
            end(TftpTransfer.Outcome.ABORTED_BY_CLIENT, 0, "the client sent a new request");
            return;
        }
        sendError(TftpErrorCode.NOT_DEFINED, "Server is stopping");
        end(TftpTransfer.Outcome.ERROR, TftpErrorCode.NOT_DEFINED.code(), "the TFTP service stopped");
    }

    private void end(TftpTransfer.Outcome how, int code, String why) {
        outcome = how;
        errorCode = code;
        detail = why;
    }

    private void publishProgress(long wireSize, long now) {
        bus.publish(new TftpProgress(Instant.now(), id, client.getAddress().getHostAddress(), client.getPort(),
                request.filename(), ackedBytes, wireSize, Duration.ofNanos(now - startNanos)));
    }

    private void publishEnd() {
        bus.publish(new TftpTransfer(Instant.now(), id, client.getAddress().getHostAddress(), client.getPort(),
                request.filename(), request.mode().label(), agreed, ackedBytes, size,
                Duration.ofNanos(System.nanoTime() - startNanos), outcome, errorCode, detail));
    }

    /** The NUL-terminated ASCII text from {@code offset} (or to the end), at most {@value #MAX_DETAIL} characters. */
    private static String asciiz(ByteBuffer packet, int offset) {
        StringBuilder text = new StringBuilder();
        for (int i = offset; i < packet.limit() && text.length() < MAX_DETAIL; i++) {
            byte b = packet.get(i);
            if (b == 0) {
                break;
            }
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return text.toString();
    }
}
