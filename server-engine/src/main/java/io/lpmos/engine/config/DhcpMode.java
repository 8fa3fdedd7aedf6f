package io.lpmos.engine.config;

import java.util.Locale;

/** How the DHCP service answers on its interface (SPEC §5). */
public enum DhcpMode {
    /** Answers PXE clients only, hands out no addresses: safe beside the network's own DHCP server. */
    PROXY,
    /** A real DHCP server with an address pool, for an isolated lab or a crossover cable. */
    FULL;

    /** As the CLI spells it: {@code proxy}, {@code full}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DhcpMode parse(String text) {
        for (DhcpMode mode : values()) {
            if (mode.flagValue().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("DHCP mode '" + text + "' is not one of proxy, full");
    }
}
