package io.lpmos.engine.boot;

import java.util.List;
import java.util.Optional;

/**
 * Decides what a network-booting client gets (ARCHITECTURE.md principle 2): the DHCP server asks,
 * knowing nothing of boot files itself. Implementations are thread-safe; {@link #bootFor} is called
 * on the DHCP server's packet thread for every PXE request (and every retransmission), so it must be
 * quick and must not block on the network.
 */
public interface BootPolicy {
    /** The boot answer for {@code client}, or empty when it gets none (the DHCP server then sends no boot file). */
    Optional<BootAnswer> bootFor(BootClient client);

    /**
     * What an operator should know before clients arrive, e.g. a boot file missing from the tree and
     * what the clients asking for it will get; empty when everything is in place.
     */
    List<String> startupWarnings();
}
