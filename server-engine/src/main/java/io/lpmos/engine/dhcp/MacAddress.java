package io.lpmos.engine.dhcp;

import java.util.Locale;

/**
 * Hardware addresses as the lease table keys them: a {@code long} holding the hardware type above
 * the address bytes (see {@link DhcpPacket#macKey()}), and their text {@code 52:54:00:12:34:56}.
 */
public final class MacAddress {
    private MacAddress() {
    }

    /**
     * The key of an Ethernet MAC written {@code 52:54:00:12:34:56} (or with {@code -}).
     *
     * @throws IllegalArgumentException naming the text when it is no MAC address
     */
    public static long parseEthernet(String text) {
        String[] parts = text.strip().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address such as 52:54:00:12:34:56");
        }
        long key = DhcpPacket.HTYPE_ETHERNET;
        for (String part : parts) {
            if (part.length() < 1 || part.length() > 2) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address such as 52:54:00:12:34:56");
            }
            try {
                key = key << 8 | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address such as 52:54:00:12:34:56", e);
            }
        }
        return key;
    }

    /** {@code 52:54:00:12:34:56} for the key of an Ethernet address. */
    public static String format(long key) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift < 40) {
                text.append(':');
            }
            text.append(String.format(Locale.ROOT, "%02x", key >>> shift & 0xff));
        }
        return text.toString();
    }
}
