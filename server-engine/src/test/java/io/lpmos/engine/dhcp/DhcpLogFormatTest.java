package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.DhcpMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DhcpLogFormatTest {
    private static final Instant AT = Instant.parse("2026-02-04T14:00:01Z");
    private final DhcpLogFormat format = new DhcpLogFormat(ZoneOffset.UTC);

    @Test
    void oneLinePerExchange() {
        assertThat(format.format(new DhcpExchange(AT, "52:54:00:12:34:56", DhcpMessage.DISCOVER, DhcpMessage.OFFER,
                "x64 UEFI", "10.0.0.50", null, "boot/ipxe.efi", null, null)))
                .isEqualTo("[DHCP] 2026/02/04 - 14:00:01 | DISCOVER/OFFER | 52:54:00:12:34:56 | x64 UEFI   | 10.0.0.50 → boot/ipxe.efi");
        assertThat(format.format(new DhcpExchange(AT, "52:54:00:12:34:56", DhcpMessage.REQUEST, DhcpMessage.ACK,
                "BIOS", "10.0.0.50", "node-7", "boot/undionly.kpxe", AT.plusSeconds(3600), null)))
                .isEqualTo("[DHCP] 2026/02/04 - 14:00:01 | REQUEST/ACK    | 52:54:00:12:34:56 | BIOS       |"
                        + " 10.0.0.50 node-7 until 15:00:01 → boot/undionly.kpxe");
        assertThat(format.format(new DhcpExchange(AT, "00:11:22:33:44:55", DhcpMessage.DISCOVER, null, null, null, null,
                null, null, "not a PXE client: left to the network's DHCP server")))
                .isEqualTo("[DHCP] 2026/02/04 - 14:00:01 | DISCOVER/-     | 00:11:22:33:44:55 | -          |"
                        + " (not a PXE client: left to the network's DHCP server)");
    }
}
