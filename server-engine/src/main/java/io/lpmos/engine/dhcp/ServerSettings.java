package io.lpmos.engine.dhcp;

import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.net.Ipv4;
import java.time.Duration;
import java.util.List;

/**
 * What the DHCP server answers with, resolved from the configuration and the interface at start.
 * Addresses are {@code int}s ({@link io.lpmos.engine.net.Ipv4}). Immutable.
 *
 * @param interfaceName the one interface the server answers on
 * @param mode          proxy or full
 * @param serverId      the interface's own address: server identifier (option 54)
 * @param nextServer    where clients fetch boot files (siaddr, option 66): the announced server IP
 * @param network       the interface's subnet address
 * @param prefixLength  the subnet's prefix length
 * @param router        option 3, 0 for none
 * @param dns           option 6, empty for none
 * @param domain        option 15, null for none
 * @param leaseTime     how long an ACKed lease lasts
 */
record ServerSettings(String interfaceName, DhcpMode mode, int serverId, int nextServer, int network, int prefixLength,
                      int router, List<Integer> dns, String domain, Duration leaseTime) {
    ServerSettings {
        dns = List.copyOf(dns);
    }

    int netmask() {
        return Ipv4.netmask(prefixLength);
    }

    int broadcast() {
        return network | ~netmask();
    }

    boolean inSubnet(int address) {
        return (address & netmask()) == network;
    }
}
