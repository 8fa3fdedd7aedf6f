package io.lpmos.engine.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses as {@code int}s (network byte order: {@code 10.0.0.1} is {@code 0x0a000001}), the
 * form the DHCP code keeps them in. Stateless and thread-safe.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /**
     * Parses a dotted quad such as {@code 10.0.0.1}; host names are never resolved.
     *
     * @throws IllegalArgumentException naming the text when it is no IPv4 address
     */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no IPv4 address given: expected one such as 192.168.0.1");
        }
        String trimmed = text.strip();
        int value = 0;
        int parts = 0;
        int start = 0;
        for (int i = 0; i <= trimmed.length(); i++) {
            if (i == trimmed.length() || trimmed.charAt(i) == '.') {
                int length = i - start;
                if (length < 1 || length > 3 || parts == 4) {
                    throw notAnAddress(text);
                }
                int part = 0;
                for (int j = start; j < i; j++) {
                    char c = trimmed.charAt(j);
                    if (c < '0' || c > '9') {
                        throw notAnAddress(text);
                    }
                    part = part * 10 + (c - '0');
                }
                if (part > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: " + part + " > 255");
                }
                value = value << 8 | part;
                parts++;
                start = i + 1;
            }
        }
        if (parts != 4) {
            throw notAnAddress(text);
        }
        return value;
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IPv4 address such as 192.168.0.1");
    }

    /** {@code 10.0.0.1} for {@code 0x0a000001}. */
    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    public static int of(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
                | bytes[offset + 3] & 0xff;
    }

    public static int of(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException(address + " is not an IPv4 address");
        }
        return of(address.getAddress(), 0);
    }

    public static byte[] bytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    public static InetAddress toInetAddress(int address) {
        try {
            return InetAddress.getByAddress(bytes(address));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The netmask of a prefix length: {@code 0xffffff00} for 24. */
    public static int netmask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0..32");
        }
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Unsigned comparison, so that 200.0.0.1 sorts after 10.0.0.1. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }
}
