package io.lpmos.engine.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block such as {@code 192.168.0.0/16}; a bare address is a /32 (or /128).
 * Immutable and thread-safe.
 */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Only these characters, with at least one colon, make an IPv6 literal: never a host name to resolve. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code addr[/prefix]}; only literal addresses are accepted, so parsing never touches the
     * network. An IPv4-mapped IPv6 block such as {@code ::ffff:10.0.0.0/104} is the IPv4 block
     * {@code 10.0.0.0/8}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no network given: expected an address or network such as 192.168.0.0/16");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literal(addressPart, text);
        boolean mapped = address.length == 4 && addressPart.contains(":");
        int max = mapped ? 128 : address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String prefixPart = trimmed.substring(slash + 1);
            if (!PREFIX.matcher(prefixPart).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a network: the prefix after / must be a number 0.." + max);
            }
            prefix = Integer.parseInt(prefixPart);
            if (prefix > max) {
                throw new IllegalArgumentException("'" + text + "' is not a network: the prefix must be 0.." + max);
            }
        }
        if (mapped) {
            if (prefix < 96) {
                throw new IllegalArgumentException("'" + text + "' is not a network: an IPv4-mapped prefix must be 96..128");
            }
            prefix -= 96;
        }
        byte[] network = mask(address, prefix);
        return new Cidr(network, prefix, InetAddressText.of(network) + "/" + prefix);
    }

    private static byte[] literal(String address, String original) {
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    throw new IllegalArgumentException("'" + original + "' is not an IP address: " + parts[i] + " > 255");
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (address.contains(":") && IPV6_CHARACTERS.matcher(address).matches()) {
            try {
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + original + "' is not a valid IPv6 address");
            }
        }
        throw new IllegalArgumentException("'" + original + "' is not an IP address or network such as 192.168.0.0/16");
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = Arrays.copyOf(address, address.length);
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    /** True when the address lies in this block; IPv4-mapped IPv6 addresses match IPv4 blocks. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && network.length == 4 && isV4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        if (bytes.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(bytes, prefix), network);
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefix == prefix && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class InetAddressText {
        static String of(byte[] bytes) {
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
