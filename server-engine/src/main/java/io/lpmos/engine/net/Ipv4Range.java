package io.lpmos.engine.net;

/**
 * An inclusive range of IPv4 addresses such as {@code 10.0.0.100-10.0.0.200}, as a DHCP address pool
 * is given. Immutable and thread-safe.
 *
 * @param first the lowest address of the range
 * @param last  the highest address, not below {@code first}
 */
public record Ipv4Range(int first, int last) {
    /** Most addresses one range may hold: a /16 and then some, far more than one segment boots. */
    public static final int MAX_SIZE = 1 << 20;

    public Ipv4Range {
        if (Ipv4.compare(first, last) > 0) {
            throw new IllegalArgumentException("the range " + Ipv4.format(first) + "-" + Ipv4.format(last)
                    + " ends before it starts: give the lower address first");
        }
        if (Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1 > MAX_SIZE) {
            throw new IllegalArgumentException("the range " + Ipv4.format(first) + "-" + Ipv4.format(last)
                    + " holds more than " + MAX_SIZE + " addresses: give a smaller one");
        }
    }

    /**
     * Parses {@code FIRST-LAST}, e.g. {@code 10.0.0.100-10.0.0.200}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Ipv4Range parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no address range given: expected one such as 10.0.0.100-10.0.0.200");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an address range such as 10.0.0.100-10.0.0.200");
        }
        return new Ipv4Range(Ipv4.parse(text.substring(0, dash)), Ipv4.parse(text.substring(dash + 1)));
    }

    /** How many addresses the range holds. */
    public int size() {
        return (int) (Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1);
    }

    public boolean contains(int address) {
        return Ipv4.compare(address, first) >= 0 && Ipv4.compare(address, last) <= 0;
    }

    @Override
    public String toString() {
        return Ipv4.format(first) + "-" + Ipv4.format(last);
    }
}
