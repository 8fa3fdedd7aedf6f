package io.lpmos.engine.dhcp;

import io.lpmos.engine.events.DhcpExchange;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one line a {@link DhcpExchange} is shown as, on the headless client's stdout and in the
 * console's live log, in the Gin line's layout:
 * <pre>
 * [DHCP] 2026/02/04 - 14:00:01 | DISCOVER/OFFER | 52:54:00:12:34:56 | x64 UEFI   | 10.0.0.50 → boot/ipxe.efi
 * [DHCP] 2026/02/04 - 14:00:01 | REQUEST/ACK    | 52:54:00:12:34:56 | x64 UEFI   | 10.0.0.50 node-7 until 15:00:01 → boot/ipxe.efi
 * [DHCP] 2026/02/04 - 14:00:02 | DISCOVER/-     | 00:11:22:33:44:55 | -          | (not a PXE client: left to the network's DHCP server)
 * </pre>
 * Thread-safe.
 */
public final class DhcpLogFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MESSAGES_WIDTH = 14;
    private static final int ARCH_WIDTH = 10;

    private final DateTimeFormatter time;
    private final DateTimeFormatter clock;

    /** Formats times in the given zone (the headless client uses the machine's local zone). */
    public DhcpLogFormat(ZoneId zone) {
        this.time = TIME.withZone(zone);
        this.clock = CLOCK.withZone(zone);
    }

    public String format(DhcpExchange event) {
        StringBuilder line = new StringBuilder(120).append("[DHCP] ").append(time.format(event.time())).append(" | ");
        String messages = event.request().name() + "/" + (event.reply() == null ? "-" : event.reply().name());
        pad(line.append(messages), messages.length(), MESSAGES_WIDTH).append(" | ").append(event.mac()).append(" | ");
        String arch = event.arch() == null ? "-" : event.arch();
        pad(line.append(arch), arch.length(), ARCH_WIDTH).append(" |");
        if (event.address() != null) {
            line.append(' ').append(event.address());
        }
        if (event.hostname() != null) {
            line.append(' ').append(event.hostname());
        }
        if (event.leaseExpires() != null) {
            line.append(" until ").append(clock.format(event.leaseExpires()));
        }
        if (event.bootFile() != null) {
            line.append(" → ").append(event.bootFile());
        }
        if (event.note() != null) {
            line.append(" (").append(event.note()).append(')');
        }
        return line.toString();
    }

    private static StringBuilder pad(StringBuilder line, int length, int width) {
        for (int i = length; i < width; i++) {
            line.append(' ');
        }
        return line;
    }
}
