package io.lpmos.engine.dhcp;

import java.time.Instant;

/**
 * A lease as the lease table holds it, for the console's Leases view and tests. Immutable.
 *
 * @param mac      {@code 52:54:00:12:34:56}
 * @param address  {@code 10.0.0.50}
 * @param hostname the client's host name; null when it sent none
 * @param expires  when the lease ends
 */
public record Lease(String mac, String address, String hostname, Instant expires) {
}
