package io.lpmos.engine.dhcp;

import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One BOOTP/DHCP message (RFC 2131, RFC 2132), read from and written to bytes by this class (see
 * docs/decisions/0012). Parsing keeps every option, in order, concatenates options split in several
 * parts (RFC 3396) and reads options overloaded into the {@code file} and {@code sname} fields
 * (option 52); writing splits long options and overloads when the options do not fit. Malformed
 * input throws {@link MalformedPacketException}, never anything else. Not thread-safe.
 */
public final class DhcpPacket {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    /** Bytes before the options: the fixed BOOTP header (236) and the magic cookie (4). */
    public static final int HEADER_LENGTH = 240;
    /** Smallest DHCP message every client must accept (RFC 2131). */
    public static final int MIN_MAX_MESSAGE_SIZE = 576;
    /** BOOTP relays and old PXE ROMs drop replies shorter than the BOOTP message (300 bytes). */
    public static final int MIN_REPLY_LENGTH = 300;
    /** The broadcast bit of {@code flags}: the client cannot receive unicast before it has an address. */
    public static final int FLAG_BROADCAST = 0x8000;
    static final int MAGIC_COOKIE = 0x63825363;

    private static final int SNAME_OFFSET = 44;
    private static final int SNAME_LENGTH = 64;
    private static final int FILE_OFFSET = 108;
    private static final int FILE_LENGTH = 128;
    private static final int OVERLOAD_FILE = 1;
    private static final int OVERLOAD_SNAME = 2;

    private int op;
    private int htype = HTYPE_ETHERNET;
    private int hlen = 6;
    private int hops;
    private int xid;
    private int secs;
    private int flags;
    private int ciaddr;
    private int yiaddr;
    private int siaddr;
    private int giaddr;
    private final byte[] chaddr = new byte[16];
    private byte[] sname = new byte[SNAME_LENGTH];
    private byte[] file = new byte[FILE_LENGTH];
    private final DhcpOptions options = new DhcpOptions();

    /**
     * Reads one message.
     *
     * @throws MalformedPacketException when the bytes are no DHCP message or an option is broken
     */
    public static DhcpPacket parse(byte[] data, int offset, int length) throws MalformedPacketException {
        if (length < HEADER_LENGTH) {
            throw new MalformedPacketException(MalformedPacketException.Reason.TRUNCATED, length + " bytes");
        }
        DhcpPacket packet = new DhcpPacket();
        packet.op = data[offset] & 0xff;
        packet.htype = data[offset + 1] & 0xff;
        packet.hlen = data[offset + 2] & 0xff;
        packet.hops = data[offset + 3] & 0xff;
        packet.xid = Ipv4.of(data, offset + 4);
        packet.secs = (data[offset + 8] & 0xff) << 8 | data[offset + 9] & 0xff;
        packet.flags = (data[offset + 10] & 0xff) << 8 | data[offset + 11] & 0xff;
        packet.ciaddr = Ipv4.of(data, offset + 12);
        packet.yiaddr = Ipv4.of(data, offset + 16);
        packet.siaddr = Ipv4.of(data, offset + 20);
        packet.giaddr = Ipv4.of(data, offset + 24);
        if (packet.hlen > 16) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_HARDWARE_ADDRESS,
                    "hlen " + packet.hlen);
        }
        System.arraycopy(data, offset + 28, packet.chaddr, 0, 16);
        if (Ipv4.of(data, offset + 236) != MAGIC_COOKIE) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_MAGIC,
                    String.format("cookie %08x", Ipv4.of(data, offset + 236)));
        }
        int overload = readOptions(data, offset + HEADER_LENGTH, offset + length, packet.options, true);
        if (overload != 0) {
            if (overload < 1 || overload > 3) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OVERLOAD, "value " + overload);
            }
            if ((overload & OVERLOAD_FILE) != 0) {
                readOptions(data, offset + FILE_OFFSET, offset + FILE_OFFSET + FILE_LENGTH, packet.options, false);
            }
            if ((overload & OVERLOAD_SNAME) != 0) {
                readOptions(data, offset + SNAME_OFFSET, offset + SNAME_OFFSET + SNAME_LENGTH, packet.options, false);
            }
        }
        if ((overload & OVERLOAD_SNAME) == 0) {
            System.arraycopy(data, offset + SNAME_OFFSET, packet.sname, 0, SNAME_LENGTH);
        }
        if ((overload & OVERLOAD_FILE) == 0) {
            System.arraycopy(data, offset + FILE_OFFSET, packet.file, 0, FILE_LENGTH);
        }
        return packet;
    }

    /**
     * Reads options from {@code start} up to END or {@code end}.
     *
     * @return the overload value (option 52) when reading the options field; 0 when absent
     */
    private static int readOptions(byte[] data, int start, int end, DhcpOptions into, boolean optionsField)
            throws MalformedPacketException {
        int overload = 0;
        int i = start;
        while (i < end) {
            int code = data[i++] & 0xff;
            if (code == DhcpOptionCodes.PAD) {
                continue;
            }
            if (code == DhcpOptionCodes.END) {
                break;
            }
            if (i >= end) {
                throw new MalformedPacketException(MalformedPacketException.Reason.OPTION_OVERRUN,
                        "option " + code + " has no length");
            }
            int length = data[i++] & 0xff;
            if (i + length > end) {
                throw new MalformedPacketException(MalformedPacketException.Reason.OPTION_OVERRUN,
                        "option " + code + " claims " + length + " bytes, " + (end - i) + " left");
            }
            if (code == DhcpOptionCodes.OVERLOAD) {
                if (!optionsField || length != 1) {
                    throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OVERLOAD,
                            optionsField ? "length " + length : "option 52 inside an overloaded field");
                }
                overload = data[i] & 0xff;
            }
            if (!into.appendPart(code, data, i, length)) {
                throw new MalformedPacketException(MalformedPacketException.Reason.OPTION_TOO_LONG,
                        "option " + code + " is longer than " + DhcpOptions.MAX_VALUE_LENGTH + " bytes");
            }
            if (code == DhcpOptionCodes.PARAMETER_REQUEST_LIST && into.get(code).length > 255) {
                throw new MalformedPacketException(MalformedPacketException.Reason.OPTION_TOO_LONG,
                        "parameter request list of " + into.get(code).length + " bytes, more option codes than exist");
            }
            i += length;
        }
        return overload;
    }

    /** A reply to {@code request}: BOOTREPLY with its xid, flags, relay address and hardware address. */
    public static DhcpPacket replyTo(DhcpPacket request) {
        DhcpPacket reply = new DhcpPacket();
        reply.op = BOOTREPLY;
        reply.htype = request.htype;
        reply.hlen = request.hlen;
        reply.xid = request.xid;
        reply.flags = request.flags;
        reply.giaddr = request.giaddr;
        System.arraycopy(request.chaddr, 0, reply.chaddr, 0, 16);
        return reply;
    }

    /** A new BOOTREQUEST (for the rogue-server probe) from hardware address {@code mac}. */
    public static DhcpPacket request(byte[] mac, int xid) {
        DhcpPacket request = new DhcpPacket();
        request.op = BOOTREQUEST;
        request.hlen = mac.length;
        request.xid = xid;
        System.arraycopy(mac, 0, request.chaddr, 0, mac.length);
        return request;
    }

    /**
     * Writes the message into {@code out} (at least {@code maxLength} long): options in order, each
     * longer than 255 bytes split (RFC 3396); options that do not fit the options field go to the
     * {@code file} and then {@code sname} field when those are empty (option 52). Short messages are
     * padded to {@link #MIN_REPLY_LENGTH}.
     *
     * @param maxLength the largest message the receiver accepts, at least {@link #MIN_MAX_MESSAGE_SIZE}
     *                  minus the IP and UDP headers
     * @return the message's length
     * @throws IllegalStateException when the options do not fit even with overloading
     */
    public int encode(byte[] out, int maxLength) {
        Arrays.fill(out, 0, Math.max(MIN_REPLY_LENGTH, Math.min(out.length, maxLength)), (byte) 0);
        out[0] = (byte) op;
        out[1] = (byte) htype;
        out[2] = (byte) hlen;
        out[3] = (byte) hops;
        writeInt(out, 4, xid);
        out[8] = (byte) (secs >>> 8);
        out[9] = (byte) secs;
        out[10] = (byte) (flags >>> 8);
        out[11] = (byte) flags;
        writeInt(out, 12, ciaddr);
        writeInt(out, 16, yiaddr);
        writeInt(out, 20, siaddr);
        writeInt(out, 24, giaddr);
        System.arraycopy(chaddr, 0, out, 28, 16);
        System.arraycopy(sname, 0, out, SNAME_OFFSET, SNAME_LENGTH);
        System.arraycopy(file, 0, out, FILE_OFFSET, FILE_LENGTH);
        writeInt(out, 236, MAGIC_COOKIE);

        int total = 0;
        for (int i = 0; i < options.size(); i++) {
            total += options.encodedLength(options.codeAt(i));
        }
        int position = HEADER_LENGTH;
        if (HEADER_LENGTH + total + 1 <= maxLength) {
            for (int i = 0; i < options.size(); i++) {
                position = writeOption(out, position, options.codeAt(i));
            }
            out[position++] = (byte) DhcpOptionCodes.END;
            return Math.max(position, MIN_REPLY_LENGTH);
        }
        return encodeOverloaded(out, maxLength);
    }

    private int encodeOverloaded(byte[] out, int maxLength) {
        boolean fileFree = isEmpty(file);
        boolean snameFree = isEmpty(sname);
        int[][] areas = {
            {HEADER_LENGTH + 3, maxLength - 1},
            fileFree ? new int[] {FILE_OFFSET, FILE_OFFSET + FILE_LENGTH - 1} : null,
            snameFree ? new int[] {SNAME_OFFSET, SNAME_OFFSET + SNAME_LENGTH - 1} : null,
        };
        int[] positions = {HEADER_LENGTH + 3, FILE_OFFSET, SNAME_OFFSET};
        int area = 0;
        int used = 0;
        for (int i = 0; i < options.size(); i++) {
            int code = options.codeAt(i);
            int length = options.encodedLength(code);
            while (area < areas.length && (areas[area] == null || positions[area] + length > areas[area][1])) {
                area++;
            }
            if (area == areas.length) {
                throw new IllegalStateException("DHCP options of " + length + " bytes do not fit a message of "
                        + maxLength + " bytes");
            }
            positions[area] = writeOption(out, positions[area], code);
            used |= area == 1 ? OVERLOAD_FILE : area == 2 ? OVERLOAD_SNAME : 0;
        }
        out[HEADER_LENGTH] = (byte) DhcpOptionCodes.OVERLOAD;
        out[HEADER_LENGTH + 1] = 1;
        out[HEADER_LENGTH + 2] = (byte) used;
        out[positions[0]] = (byte) DhcpOptionCodes.END;
        if ((used & OVERLOAD_FILE) != 0) {
            out[positions[1]] = (byte) DhcpOptionCodes.END;
        }
        if ((used & OVERLOAD_SNAME) != 0) {
            out[positions[2]] = (byte) DhcpOptionCodes.END;
        }
        return Math.max(positions[0] + 1, MIN_REPLY_LENGTH);
    }

    private int writeOption(byte[] out, int position, int code) {
        byte[] value = options.get(code);
        if (value.length == 0) {
            out[position++] = (byte) code;
            out[position++] = 0;
            return position;
        }
        for (int done = 0; done < value.length; ) {
            int part = Math.min(255, value.length - done);
            out[position++] = (byte) code;
            out[position++] = (byte) part;
            System.arraycopy(value, done, out, position, part);
            position += part;
            done += part;
        }
        return position;
    }

    private static boolean isEmpty(byte[] field) {
        for (byte b : field) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    /** The message type (option 53), or null when absent or unknown. */
    public DhcpMessage messageType() {
        return DhcpMessage.ofCode(options.getByte(DhcpOptionCodes.MESSAGE_TYPE));
    }

    public DhcpPacket messageType(DhcpMessage type) {
        options.putByte(DhcpOptionCodes.MESSAGE_TYPE, type.code());
        return this;
    }

    /** The hardware address as text, {@code 52:54:00:12:34:56}. */
    public String macText() {
        StringBuilder text = new StringBuilder(hlen * 3);
        for (int i = 0; i < hlen; i++) {
            if (i > 0) {
                text.append(':');
            }
            int b = chaddr[i] & 0xff;
            text.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    /**
     * The hardware address as a number, the key of the lease table: the first {@code hlen} bytes
     * (at most 8) with the hardware type above them, so equal MACs of different types differ.
     */
    public long macKey() {
        long key = htype & 0xffL;
        for (int i = 0; i < Math.min(hlen, 7); i++) {
            key = key << 8 | chaddr[i] & 0xff;
        }
        return key;
    }

    /** The {@code file} field as text up to its first NUL (empty when overloaded with options). */
    public String fileName() {
        return cString(file);
    }

    public String serverName() {
        return cString(sname);
    }

    private static String cString(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        return new String(field, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Sets the {@code file} field; a name too long for it (127 bytes) leaves it empty, so it is told in
     * option 67 only.
     */
    public DhcpPacket fileName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        file = new byte[FILE_LENGTH];
        if (bytes.length < FILE_LENGTH) {
            System.arraycopy(bytes, 0, file, 0, bytes.length);
        }
        return this;
    }

    public DhcpOptions options() {
        return options;
    }

    public int op() { return op; }
    public int htype() { return htype; }
    public int hlen() { return hlen; }
    public int hops() { return hops; }
    public int xid() { return xid; }
    public int flags() { return flags; }
    public int ciaddr() { return ciaddr; }
    public int yiaddr() { return yiaddr; }
    public int siaddr() { return siaddr; }
    public int giaddr() { return giaddr; }

    /** The hardware address bytes ({@link #hlen()} of them are used). */
    public byte[] chaddr() {
        return chaddr.clone();
    }

    public boolean broadcastFlag() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    public DhcpPacket flags(int value) { flags = value; return this; }
    public DhcpPacket ciaddr(int value) { ciaddr = value; return this; }
    public DhcpPacket yiaddr(int value) { yiaddr = value; return this; }
    public DhcpPacket siaddr(int value) { siaddr = value; return this; }
    public DhcpPacket giaddr(int value) { giaddr = value; return this; }
    public DhcpPacket hops(int value) { hops = value; return this; }
}
