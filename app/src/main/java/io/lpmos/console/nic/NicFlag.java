package io.lpmos.console.nic;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What makes a network interface a questionable place to serve PXE from; shown next to its name. */
public enum NicFlag {
    LOOPBACK("loopback"),
    WIRELESS("Wi-Fi"),
    VPN("VPN"),
    VIRTUAL("virtual/bridge"),
    DOWN("down");

    private static final String[] WIRELESS_PREFIXES = {"wl"};
    private static final String[] VPN_PREFIXES = {"tun", "tap", "wg", "ppp"};
    private static final String[] VIRTUAL_PREFIXES = {"docker", "veth", "br", "virbr", "vmnet", "vboxnet"};

    private final String label;

    NicFlag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Classifies an interface from what the OS reports: Linux names wireless links {@code wl*}, VPN
     * tunnels {@code tun*}/{@code tap*}/{@code wg*}/{@code ppp*}, and container or hypervisor bridges
     * {@code docker*}, {@code veth*}, {@code br*}, {@code virbr*}, {@code vmnet*}, {@code vboxnet*}.
     */
    public static Set<NicFlag> classify(String name, boolean up, boolean loopback, boolean virtual) {
        String lower = name.toLowerCase(Locale.ROOT);
        EnumSet<NicFlag> flags = EnumSet.noneOf(NicFlag.class);
        if (loopback) {
            flags.add(LOOPBACK);
        }
        if (startsWithAny(lower, WIRELESS_PREFIXES)) {
            flags.add(WIRELESS);
        }
        if (startsWithAny(lower, VPN_PREFIXES)) {
            flags.add(VPN);
        }
        if (virtual || startsWithAny(lower, VIRTUAL_PREFIXES)) {
            flags.add(VIRTUAL);
        }
        if (!up) {
            flags.add(DOWN);
        }
        return flags;
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
