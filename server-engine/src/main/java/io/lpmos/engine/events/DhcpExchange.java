package io.lpmos.engine.events;

import java.time.Instant;

/**
 * One DHCP exchange on the service's interface: a client's request and what the server answered.
 * Published once per request the server handled (an answered DISCOVER, REQUEST, INFORM, a DECLINE or
 * RELEASE, or a request deliberately left unanswered), after the answer left.
 *
 * @param mac          the client's hardware address, {@code 52:54:00:12:34:56}
 * @param request      what the client sent
 * @param reply        what the server answered; null when it answered nothing
 * @param arch         the client's architecture as the live log shows it ({@code BIOS}, {@code x64 UEFI}),
 *                     null when the client did not say
 * @param address      the address given or concerned (yiaddr, the declined or released one); null when none
 * @param hostname     the host name the client sent (option 12) or its reservation names; null when none
 * @param bootFile     the boot file or URL the client was told; null when none
 * @param leaseExpires when the lease given ends (full mode ACK); null otherwise
 * @param note         why the server answered as it did when that is not obvious (e.g. "not a PXE client");
 *                     null otherwise
 */
public record DhcpExchange(Instant time, String mac, DhcpMessage request, DhcpMessage reply, String arch,
                           String address, String hostname, String bootFile, Instant leaseExpires, String note)
        implements TrafficEvent {
}
