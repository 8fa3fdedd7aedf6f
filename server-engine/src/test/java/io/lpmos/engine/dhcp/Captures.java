package io.lpmos.engine.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the DHCP payloads out of captures (classic pcap files, Ethernet, IPv4, UDP): the fixtures recorded
 * with tcpdump from real clients in a network namespace ({@code captures/<client>.pcap} beside this
 * class), and captures the namespace tests make.
 */
final class Captures {
    /** One captured datagram: its UDP ports and payload. */
    record Datagram(int sourcePort, int destinationPort, byte[] payload) {
    }

    /** One captured frame: Ethernet source and destination ({@code 02:00:00:00:00:01}), UDP ports and payload. */
    record Frame(String sourceMac, String destinationMac, int sourcePort, int destinationPort, byte[] payload) {
    }

    private Captures() {
    }

    static List<Datagram> read(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return parse(in.readAllBytes()).stream()
                    .map(f -> new Datagram(f.sourcePort(), f.destinationPort(), f.payload())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every frame of a capture a test just made. */
    static List<Frame> framesOf(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** The datagrams of a capture a test just made. */
    static List<Datagram> readFile(Path file) throws IOException {
        return framesOf(file).stream().map(f -> new Datagram(f.sourcePort(), f.destinationPort(), f.payload())).toList();
    }

    private static String mac(byte[] file, int offset) {
        StringBuilder text = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(String.format("%02x", file[offset + i] & 0xff));
        }
        return text.toString();
    }

    private static List<Frame> parse(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file);
        int magic = buffer.getInt(0);
        buffer.order(magic == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt(20) != 1) {
            throw new IllegalArgumentException("not an Ethernet capture");
        }
        List<Frame> frames = new ArrayList<>();
        int position = 24;
        while (position + 16 <= file.length) {
            int captured = buffer.getInt(position + 8);
            int frame = position + 16;
            int ip = frame + 14;
            int headerLength = (file[ip] & 0x0f) * 4;
            int udp = ip + headerLength;
            int sourcePort = (file[udp] & 0xff) << 8 | file[udp + 1] & 0xff;
            int destinationPort = (file[udp + 2] & 0xff) << 8 | file[udp + 3] & 0xff;
            int udpLength = (file[udp + 4] & 0xff) << 8 | file[udp + 5] & 0xff;
            frames.add(new Frame(mac(file, frame + 6), mac(file, frame), sourcePort, destinationPort,
                    Arrays.copyOfRange(file, udp + 8, udp + udpLength)));
            position = frame + captured;
        }
        return frames;
    }

    /** The requests (to port 67 or 4011) of a capture, in order. */
    static List<byte[]> requests(String name) {
        return read(name).stream().filter(d -> d.destinationPort() == 67 || d.destinationPort() == 4011)
                .map(Datagram::payload).toList();
    }
}
