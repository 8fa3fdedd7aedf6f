package io.lpmos.console.dhcp;

import java.time.Instant;

/**
 * One row of the Leases view.
 *
 * @param arch    as the client said ({@code x64 UEFI}); null when unknown (a lease read back from the journal)
 * @param expires when the lease ends
 */
public record LeaseRow(String mac, String address, String hostname, String arch, Instant expires) {
}
