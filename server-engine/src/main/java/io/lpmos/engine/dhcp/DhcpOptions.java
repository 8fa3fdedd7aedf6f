package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The options of one DHCP message, in the order they first appeared (or were put). An option that
 * appeared several times is one option here, its parts concatenated in order (RFC 3396); when written,
 * a value longer than 255 bytes is split again. Not thread-safe: a message belongs to one thread.
 */
public final class DhcpOptions {
    /** The longest value one option may reach after concatenation; longer ones are a malformed packet. */
    public static final int MAX_VALUE_LENGTH = 1024;

    /** Position + 1 in {@link #codes}/{@link #values} of each option code; 0 when absent. */
    private final byte[] slotOf = new byte[256];
    private byte[] codes = new byte[16];
    private byte[][] values = new byte[16][];
    private int count;

    /** The option's value, or null when absent. The array is the option's own: do not modify it. */
    public byte[] get(int code) {
        int slot = slotOf[code] & 0xff;
        return slot == 0 ? null : values[slot - 1];
    }

    public boolean has(int code) {
        return slotOf[code] != 0;
    }

    /** How many distinct options there are. */
    public int size() {
        return count;
    }

    /** The code of the {@code index}-th option in order. */
    public int codeAt(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        return codes[index] & 0xff;
    }

    /** Sets an option; an option already present keeps its place, a new one goes last. */
    public DhcpOptions put(int code, byte[] value) {
        checkCode(code);
        int slot = slotOf[code] & 0xff;
        if (slot != 0) {
            values[slot - 1] = value;
            return this;
        }
        if (count == codes.length) {
            codes = Arrays.copyOf(codes, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        codes[count] = (byte) code;
        values[count] = value;
        count++;
        slotOf[code] = (byte) count;
        return this;
    }

    public DhcpOptions putByte(int code, int value) {
        return put(code, new byte[] {(byte) value});
    }

    public DhcpOptions putInt(int code, int value) {
        return put(code, Ipv4.bytes(value));
    }

    public DhcpOptions putAddress(int code, int address) {
        return putInt(code, address);
    }

    public DhcpOptions putAddresses(int code, List<Integer> addresses) {
        byte[] value = new byte[addresses.size() * 4];
        for (int i = 0; i < addresses.size(); i++) {
            int address = addresses.get(i);
            value[i * 4] = (byte) (address >>> 24);
            value[i * 4 + 1] = (byte) (address >>> 16);
            value[i * 4 + 2] = (byte) (address >>> 8);
            value[i * 4 + 3] = (byte) address;
        }
        return put(code, value);
    }

    public DhcpOptions putString(int code, String value) {
        return put(code, value.getBytes(StandardCharsets.US_ASCII));
    }

    public void remove(int code) {
        int slot = slotOf[code] & 0xff;
        if (slot == 0) {
            return;
        }
        slotOf[code] = 0;
        int at = slot - 1;
        System.arraycopy(codes, at + 1, codes, at, count - at - 1);
        System.arraycopy(values, at + 1, values, at, count - at - 1);
        count--;
        values[count] = null;
        for (int i = at; i < count; i++) {
            slotOf[codes[i] & 0xff] = (byte) (i + 1);
        }
    }

    /**
     * Adds a part of an option read from the wire: a first part creates the option, later ones are
     * concatenated to it (RFC 3396).
     *
     * @return false when the concatenated value would exceed {@link #MAX_VALUE_LENGTH}
     */
    boolean appendPart(int code, byte[] data, int offset, int length) {
        byte[] existing = get(code);
        if (existing == null) {
            put(code, Arrays.copyOfRange(data, offset, offset + length));
            return true;
        }
        if (existing.length + length > MAX_VALUE_LENGTH) {
            return false;
        }
        byte[] joined = Arrays.copyOf(existing, existing.length + length);
        System.arraycopy(data, offset, joined, existing.length, length);
        put(code, joined);
        return true;
    }

    /** The first byte of the option as 0..255, or -1 when absent or empty. */
    public int getByte(int code) {
        byte[] value = get(code);
        return value == null || value.length < 1 ? -1 : value[0] & 0xff;
    }

    /** A 16-bit big-endian value, or -1 when absent or shorter. */
    public int getShort(int code) {
        byte[] value = get(code);
        return value == null || value.length < 2 ? -1 : (value[0] & 0xff) << 8 | value[1] & 0xff;
    }

    /** A 32-bit value such as an address (option 50, 54), or {@code fallback} when absent or shorter. */
    public int getInt(int code, int fallback) {
        byte[] value = get(code);
        return value == null || value.length < 4 ? fallback : Ipv4.of(value, 0);
    }

    /**
     * The option as text (ISO-8859-1, so every byte is kept), trailing NULs removed — some firmware
     * NUL-terminates strings; null when absent.
     */
    public String getString(int code) {
        byte[] value = get(code);
        if (value == null) {
            return null;
        }
        int end = value.length;
        while (end > 0 && value[end - 1] == 0) {
            end--;
        }
        return new String(value, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** True when the option starts with {@code prefix} (ASCII), e.g. vendor class {@code PXEClient}. */
    public boolean startsWith(int code, String prefix) {
        byte[] value = get(code);
        if (value == null || value.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (value[i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes the options take on the wire, without the END option: each part's code and length byte and value. */
    int encodedLength(int code) {
        byte[] value = get(code);
        if (value.length == 0) {
            return 2;
        }
        return value.length + 2 * ((value.length + 254) / 255);
    }

    private static void checkCode(int code) {
        if (code <= DhcpOptionCodes.PAD || code >= DhcpOptionCodes.END) {
            throw new IllegalArgumentException("option code " + code + " is not in 1..254");
        }
    }
}
