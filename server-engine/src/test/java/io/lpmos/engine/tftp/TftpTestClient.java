package io.lpmos.engine.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TFTP client for tests that need to see or shape single packets: requests with any options,
 * OACK and DATA as they arrive, ACKs and errors sent by hand, and a complete RFC 7440 receiver
 * ({@link #download}) that acknowledges the last in-order block when it sees a gap. Every receive is
 * bounded by a timeout. Not thread-safe; one per test thread.
 */
final class TftpTestClient implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 3000;

    /** One packet as received. */
    record Packet(int opcode, int block, byte[] data, Map<String, String> options, int errorCode, String errorMessage,
                  InetSocketAddress from) {
        boolean isData() {
            return opcode == Transfer.OP_DATA;
        }

        boolean isError() {
            return opcode == Transfer.OP_ERROR;
        }

        boolean isOack() {
            return opcode == Transfer.OP_OACK;
        }

        @Override
        public String toString() {
            return switch (opcode) {
                case Transfer.OP_DATA -> "DATA " + block + " (" + data.length + " bytes)";
                case Transfer.OP_OACK -> "OACK " + options;
                case Transfer.OP_ERROR -> "ERROR " + errorCode + " " + errorMessage;
                default -> "opcode " + opcode;
            };
        }
    }

    /** What a download received. */
    record Download(byte[] bytes, Map<String, String> oack, int dataPackets, int acksSent) {
    }

    private final InetSocketAddress server;
    private final DatagramSocket socket;
    private final byte[] buffer = new byte[70_000];

    TftpTestClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends a read request; {@code options} are name, value pairs. */
    void readRequest(String file, String mode, String... options) throws IOException {
        send(server, request(1, file, mode, options));
    }

    static byte[] request(int opcode, String file, String mode, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(opcode);
        out.writeBytes(file.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(mode.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        for (String option : options) {
            out.writeBytes(option.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        return out.toByteArray();
    }

    void send(InetSocketAddress to, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    void ack(InetSocketAddress to, int block) throws IOException {
        send(to, new byte[] {0, Transfer.OP_ACK, (byte) (block >> 8), (byte) block});
    }

    void error(InetSocketAddress to, int code, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(Transfer.OP_ERROR);
        out.write(code >> 8);
        out.write(code);
        out.writeBytes(message.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        send(to, out.toByteArray());
    }

    /** The next packet, or null when none arrives within {@code millis}. */
    Packet receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(datagram);
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
        return parse(datagram);
    }

    /** The next packet; fails the test when none arrives within {@link #TIMEOUT_MILLIS}. */
    Packet receive() throws IOException {
        Packet packet = receive(TIMEOUT_MILLIS);
        if (packet == null) {
            throw new AssertionError("no packet within " + TIMEOUT_MILLIS + " ms");
        }
        return packet;
    }

    private static Packet parse(DatagramPacket datagram) {
        ByteBuffer in = ByteBuffer.wrap(datagram.getData(), 0, datagram.getLength());
        InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
        int opcode = in.remaining() >= 2 ? in.getShort() & 0xFFFF : -1;
        switch (opcode) {
            case Transfer.OP_DATA -> {
                int block = in.getShort() & 0xFFFF;
                byte[] data = new byte[in.remaining()];
                in.get(data);
                return new Packet(opcode, block, data, Map.of(), 0, "", from);
            }
            case Transfer.OP_OACK -> {
                Map<String, String> options = new LinkedHashMap<>();
                String[] fields = new String(datagram.getData(), 2, datagram.getLength() - 2, StandardCharsets.US_ASCII)
                        .split("\0");
                for (int i = 0; i + 1 < fields.length; i += 2) {
                    options.put(fields[i], fields[i + 1]);
                }
                return new Packet(opcode, 0, new byte[0], options, 0, "", from);
            }
            case Transfer.OP_ERROR -> {
                int code = in.getShort() & 0xFFFF;
                String message = new String(datagram.getData(), 4, Math.max(0, datagram.getLength() - 5),
                        StandardCharsets.US_ASCII);
                return new Packet(opcode, 0, new byte[0], Map.of(), code, message, from);
            }
            default -> {
                return new Packet(opcode, 0, new byte[0], Map.of(), 0, "", from);
            }
        }
    }

    /**
     * Downloads {@code file} as a RFC 7440 receiver: acknowledges ACK 0 of an OACK, then every
     * {@code windowsize}-th block, the last block, and on a gap or timeout the last block received in
     * order. Fails on an error packet.
     */
    Download download(String file, String... options) throws IOException {
        readRequest(file, "octet", options);
        int window = 1;
        int blockSize = 512;
        for (int i = 0; i + 1 < options.length; i += 2) {
            if (options[i].equalsIgnoreCase("windowsize")) {
                window = Integer.parseInt(options[i + 1]);
            }
            if (options[i].equalsIgnoreCase("blksize")) {
                blockSize = Integer.parseInt(options[i + 1]);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, String> oack = Map.of();
        InetSocketAddress tid = null;
        long received = 0;
        int dataPackets = 0;
        int acks = 0;
        int inWindow = 0;
        int silent = 0;
        while (true) {
            Packet packet = receive(200);
            if (packet == null) {
                if (++silent > 50) {
                    throw new AssertionError("the server went silent after block " + received);
                }
                if (tid != null) {
                    ack(tid, (int) received);
                    acks++;
                }
                continue;
            }
            silent = 0;
            if (tid == null) {
                tid = packet.from();
            } else if (!tid.equals(packet.from())) {
                continue;
            }
            if (packet.isError()) {
                throw new AssertionError("server sent " + packet);
            }
            if (packet.isOack()) {
                oack = packet.options();
                window = Integer.parseInt(oack.getOrDefault("windowsize", "1"));
                blockSize = Integer.parseInt(oack.getOrDefault("blksize", "512"));
                ack(tid, 0);
                acks++;
                continue;
            }
            if (!packet.isData()) {
                continue;
            }
            dataPackets++;
            if (packet.block() == (int) ((received + 1) & 0xFFFF)) {
                bytes.writeBytes(packet.data());
                received++;
                inWindow++;
                boolean last = packet.data().length < blockSize;
                if (last || inWindow == window) {
                    ack(tid, packet.block());
                    acks++;
                    inWindow = 0;
                }
                if (last) {
                    return new Download(bytes.toByteArray(), oack, dataPackets, acks);
                }
            } else if (packet.block() != (int) (received & 0xFFFF)) {
                ack(tid, (int) (received & 0xFFFF));
                acks++;
                inWindow = 0;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
