package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One line of the lease journal: a lease granted, given back, or an address quarantined. Written as
 * tab-separated text ending in a CRC-32C of the line, so that a torn or damaged line is recognised
 * and skipped when the journal is read back:
 * <pre>
 * L  10.0.0.50  52:54:00:12:34:56  1767225600000  host-1  1a2b3c4d
 * R  10.0.0.50  52:54:00:12:34:56  0  -  …
 * Q  10.0.0.51  -  1767222000000  -  …
 * </pre>
 * Times are epoch milliseconds; {@code -} stands for no MAC or no host name.
 *
 * @param kind     what happened
 * @param mac      the client ({@link MacAddress} key), 0 for a quarantine
 * @param address  the address concerned
 * @param until    when the lease or quarantine ends (epoch ms); 0 for a release
 * @param hostname the client's host name, only letters, digits, {@code .-_}; null when none
 */
record LeaseRecord(Kind kind, long mac, int address, long until, String hostname) {
    enum Kind {
        LEASE('L'), RELEASE('R'), QUARANTINE('Q');

        final char letter;

        Kind(char letter) {
            this.letter = letter;
        }
    }

    static LeaseRecord lease(long mac, int address, long until, String hostname) {
        return new LeaseRecord(Kind.LEASE, mac, address, until, safeHostname(hostname));
    }

    static LeaseRecord release(long mac, int address) {
        return new LeaseRecord(Kind.RELEASE, mac, address, 0, null);
    }

    static LeaseRecord quarantine(int address, long until) {
        return new LeaseRecord(Kind.QUARANTINE, 0, address, until, null);
    }

    /** A host name as the journal and the live log keep it: at most 63 safe characters, or null. */
    static String safeHostname(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(name.length(), 63));
        for (int i = 0; i < name.length() && safe.length() < 63; i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || c == '-' || c == '_';
            safe.append(plain ? c : '_');
        }
        return safe.toString();
    }

    /** Appends the line (with its CRC and newline) to {@code out}. */
    void appendTo(StringBuilder out) {
        int start = out.length();
        out.append(kind.letter).append('\t').append(Ipv4.format(address)).append('\t')
                .append(mac == 0 ? "-" : MacAddress.format(mac)).append('\t').append(until).append('\t')
                .append(hostname == null ? "-" : hostname);
        String crc = Long.toHexString(crc(out, start, out.length()));
        out.append('\t').append(crc).append('\n');
    }

    private static long crc(CharSequence text, int start, int end) {
        CRC32C crc = new CRC32C();
        byte[] bytes = text.subSequence(start, end).toString().getBytes(StandardCharsets.US_ASCII);
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }

    /** Reads one line (without its newline); null when it is damaged, torn or not a record. */
    static LeaseRecord parse(String line) {
        int lastTab = line.lastIndexOf('\t');
        if (lastTab < 0) {
            return null;
        }
        String body = line.substring(0, lastTab);
        try {
            if (Long.parseLong(line.substring(lastTab + 1), 16) != crc(body, 0, body.length())) {
                return null;
            }
            String[] fields = body.split("\t", -1);
            if (fields.length != 5 || fields[0].length() != 1) {
                return null;
            }
            Kind kind = switch (fields[0].charAt(0)) {
                case 'L' -> Kind.LEASE;
                case 'R' -> Kind.RELEASE;
                case 'Q' -> Kind.QUARANTINE;
                default -> null;
            };
            if (kind == null) {
                return null;
            }
            long mac = fields[2].equals("-") ? 0 : MacAddress.parseEthernet(fields[2]);
            return new LeaseRecord(kind, mac, Ipv4.parse(fields[1]), Long.parseLong(fields[3]),
                    fields[4].equals("-") ? null : fields[4]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
