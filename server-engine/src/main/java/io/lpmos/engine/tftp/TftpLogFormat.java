package io.lpmos.engine.tftp;

import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.http.GoFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One log line per TFTP transfer, in the spirit of the Gin access log it appears beside: time, outcome,
 * duration (as Go prints it), client, bytes, the quoted file name, the agreed options, and for
 * anything but a complete transfer what happened:
 * <pre>
 * [TFTP] 2026/02/04 - 14:00:01 | complete  |   52.345678ms | 192.168.246.150 |    1048576 | "boot/ipxe.efi" blksize=1468 windowsize=4 tsize
 * [TFTP] 2026/02/04 - 14:00:02 | error 1   |      81.203µs | 192.168.246.150 |          0 | "boot/nope.efi" — File not found
 * [TFTP] 2026/02/04 - 14:00:03 | aborted 8 |     412.377µs | 192.168.246.150 |          0 | "boot/ipxe.efi" blksize=1468 tsize — client sent error 8: User aborted the transfer
 * </pre>
 * Thread-safe.
 */
public final class TftpLogFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss");

    private final DateTimeFormatter time;

    /** Formats times in the given zone (the headless client uses the machine's local zone, as for Gin lines). */
    public TftpLogFormat(ZoneId zone) {
        this.time = TIME.withZone(zone);
    }

    public String format(TftpTransfer event) {
        StringBuilder line = new StringBuilder(160);
        line.append("[TFTP] ").append(time.format(event.time()))
                .append(" | ").append(GoFormat.padRight(outcome(event), 9))
                .append(" | ").append(GoFormat.padLeft(GoFormat.duration(event.duration()), 13))
                .append(" | ").append(GoFormat.padLeft(event.client(), 15))
                .append(" | ").append(GoFormat.padLeft(Long.toString(event.bytes()), 10))
                .append(" | ").append(GoFormat.quote(event.file()));
        String options = event.options().describe();
        if (!options.isEmpty()) {
            line.append(' ').append(options);
        }
        if (!event.detail().isEmpty()) {
            line.append(" — ").append(event.detail());
        }
        return line.toString();
    }

    /** {@code complete}, {@code aborted 8}, {@code timed out}, {@code error 1}. */
    public static String outcome(TftpTransfer event) {
        return switch (event.outcome()) {
            case COMPLETE, TIMED_OUT -> event.outcome().label();
            case ABORTED_BY_CLIENT, ERROR -> event.outcome().label() + " " + event.errorCode();
        };
    }
}
