package io.lpmos.engine.tftp;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;
import org.apache.commons.net.tftp.TFTPRequestPacket;
import org.apache.commons.net.tftp.TFTPWriteRequestPacket;

/**
 * A read or write request as it arrived on the server port, parsed with Apache Commons Net's
 * {@link TFTPRequestPacket} (RFC 1350 fields and RFC 2347 options), with its two quirks mended:
 * names come back one {@code char} per byte, sign-extended, so non-ASCII names are rebuilt from the
 * bytes as UTF-8; and option names keep the client's case, so they are lower-cased here. Immutable.
 *
 * @param write    true for a write request (refused by this read-only server)
 * @param filename the requested name, UTF-8 decoded (malformed bytes become U+FFFD)
 * @param mode     the transfer mode
 * @param options  option names in lower case → values as sent
 * @param wire     the request's bytes, to recognise a retransmitted request
 */
public record TftpRequest(boolean write, String filename, Mode mode, Map<String, String> options, byte[] wire) {

    /** The transfer modes this server serves (RFC 1350; "mail" is obsolete and refused). */
    public enum Mode {
        OCTET("octet"),
        NETASCII("netascii");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Something on the server port that is not a request this server can read. */
    public static final class MalformedRequest extends Exception {
        public MalformedRequest(String message) {
            super(message, null, false, false);
        }
    }

    public TftpRequest {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses a datagram whose opcode is RRQ or WRQ.
     *
     * @throws MalformedRequest with a short reason when the bytes are not a well-formed request
     */
    public static TftpRequest parse(byte[] data, int length, InetSocketAddress from) throws MalformedRequest {
        TFTPPacket packet;
        try {
            packet = TFTPPacket.newTFTPPacket(new DatagramPacket(data, length, from.getAddress(), from.getPort()));
        } catch (TFTPPacketException e) {
            throw new MalformedRequest(e.getMessage());
        } catch (RuntimeException e) {
            // commons-net 3.13.0 indexes past the end of an option list that lacks its final NUL
            throw new MalformedRequest("Bad packet: truncated option list");
        }
        if (!(packet instanceof TFTPRequestPacket request)) {
            throw new MalformedRequest("not a read or write request");
        }
        Map<String, String> options = new LinkedHashMap<>();
        request.getOptions().forEach((name, value) -> options.put(name.toLowerCase(Locale.ROOT), value));
        Mode mode = request.getMode() == TFTP.NETASCII_MODE ? Mode.NETASCII : Mode.OCTET;
        return new TftpRequest(packet instanceof TFTPWriteRequestPacket, bytesAsUtf8(request.getFilename()), mode,
                options, Arrays.copyOf(data, length));
    }

    /** Undoes commons-net's one-char-per-byte decoding (sign-extended) and reads the bytes as UTF-8. */
    static String bytesAsUtf8(String perByte) {
        boolean ascii = perByte.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return perByte;
        }
        byte[] bytes = new byte[perByte.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) perByte.charAt(i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether {@code other} is this very request sent again (same bytes), as firmware does when an answer is slow. */
    public boolean sameAs(TftpRequest other) {
        return Arrays.equals(wire, other.wire);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TftpRequest other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return (write ? "WRQ " : "RRQ ") + filename + " " + mode.label() + " " + options;
    }
}
