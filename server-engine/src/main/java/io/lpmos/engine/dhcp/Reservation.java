package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;

/**
 * A fixed address for one MAC (a line of the {@code --dhcp-reservations} file).
 *
 * @param mac      the hardware address key ({@link MacAddress})
 * @param address  the address this MAC always gets
 * @param hostname the host name given with it (option 12); null when none
 */
public record Reservation(long mac, int address, String hostname) {
    @Override
    public String toString() {
        return MacAddress.format(mac) + " " + Ipv4.format(address) + (hostname == null ? "" : " " + hostname);
    }
}
