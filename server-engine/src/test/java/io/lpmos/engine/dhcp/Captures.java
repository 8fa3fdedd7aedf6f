package io.lpmos.engine.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the DHCP payloads out of the test captures (classic pcap files, Ethernet, IPv4, UDP) recorded
 * with tcpdump from real clients in a network namespace: {@code captures/<client>.pcap} beside this class.
 */
final class Captures {
    /** One captured datagram: its UDP ports and payload. */
    record Datagram(int sourcePort, int destinationPort, byte[] payload) {
    }

    private Captures() {
    }

    static List<Datagram> read(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Datagram> parse(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file);
        int magic = buffer.getInt(0);
        buffer.order(magic == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt(20) != 1) {
            throw new IllegalArgumentException("not an Ethernet capture");
        }
        List<Datagram> datagrams = new ArrayList<>();
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
            datagrams.add(new Datagram(sourcePort, destinationPort, Arrays.copyOfRange(file, udp + 8, udp + udpLength)));
            position = frame + captured;
        }
        return datagrams;
    }

    /** The requests (to port 67 or 4011) of a capture, in order. */
    static List<byte[]> requests(String name) {
        return read(name).stream().filter(d -> d.destinationPort() == 67 || d.destinationPort() == 4011)
                .map(Datagram::payload).toList();
    }
}
