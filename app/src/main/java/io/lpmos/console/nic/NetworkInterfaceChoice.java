package io.lpmos.console.nic;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * One network interface the operator can serve from.
 *
 * @param name  the OS name, e.g. {@code eth0}
 * @param ipv4  its first IPv4 address, or null when it has none
 * @param flags what makes it a questionable choice; empty for a plain wired link that is up
 */
public record NetworkInterfaceChoice(String name, String ipv4, Set<NicFlag> flags) {
    public NetworkInterfaceChoice {
        flags = Set.copyOf(flags);
    }

    /** A plain link that is up and has an IPv4 address: the kind to preselect. */
    public boolean isPreferred() {
        return ipv4 != null && flags.isEmpty();
    }

    /** How the picker shows it: {@code "wlan0 — 192.168.1.20  [Wi-Fi]"}. */
    public String label() {
        StringBuilder label = new StringBuilder(name).append(" — ").append(ipv4 == null ? "no IPv4" : ipv4);
        if (!flags.isEmpty()) {
            label.append("  [").append(flags.stream().sorted().map(NicFlag::label).collect(Collectors.joining(", ")))
                    .append(']');
        }
        return label.toString();
    }
}
