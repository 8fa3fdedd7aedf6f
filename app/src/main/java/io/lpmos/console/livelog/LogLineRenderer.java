package io.lpmos.console.livelog;

import io.lpmos.engine.dhcp.DhcpLogFormat;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.http.GinLogFormat;
import io.lpmos.engine.mirror.FetchService;
import io.lpmos.engine.mirror.FetchWording;
import io.lpmos.engine.tftp.TftpLogFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Turns engine events into live-log lines: an {@link HttpAccess} into its Gin-format line, a
 * {@link TftpTransfer} into the headless client's TFTP line ({@link TftpLogFormat}), a
 * {@link DhcpExchange} into its {@link DhcpLogFormat} line (as the headless client prints it), a
 * {@link Notice} into {@code [LPMOS] <time> | <source> | <text>}, a {@link FetchEvent} (but a download's
 * progress, which the Fetches tab shows) into such a line from {@code fetch}. Thread-safe: the FX adapter calls it
 * on the bus subscriber thread so that formatting never costs the FX thread.
 */
public final class LogLineRenderer {
    private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss");

    private final GinLogFormat ginFormat;
    private final TftpLogFormat tftpFormat;
    private final DhcpLogFormat dhcpFormat;
    private final DateTimeFormatter noticeTime;

    public LogLineRenderer(ZoneId zone) {
        this.ginFormat = new GinLogFormat(zone);
        this.tftpFormat = new TftpLogFormat(zone);
        this.dhcpFormat = new DhcpLogFormat(zone);
        this.noticeTime = NOTICE_TIME.withZone(zone);
    }

    /** The line for {@code event}, or null when the live log does not show that kind of event. */
    public LogLine render(EngineEvent event) {
        if (event instanceof HttpAccess access) {
            return new LogLine(ginFormat.format(access), LogLineKind.ofStatus(access.status()), LogSource.HTTP);
        }
        if (event instanceof TftpTransfer transfer) {
            return new LogLine(tftpFormat.format(transfer), LogLineKind.ofTftp(transfer.outcome()), LogSource.TFTP);
        }
        if (event instanceof DhcpExchange exchange) {
            return new LogLine(dhcpFormat.format(exchange), kindOf(exchange), LogSource.DHCP);
        }
        if (event instanceof Notice notice) {
            return new LogLine(noticeText(notice.time(), notice.source(), notice.text()),
                    LogLineKind.ofNotice(notice.level()), LogSource.ofService(notice.source()));
        }
        if (event instanceof FetchEvent fetch) {
            String text = FetchWording.line(fetch);
            if (text == null) {
                return null;
            }
            LogLineKind kind = fetch instanceof FetchEvent.Failed || fetch instanceof FetchEvent.Mismatch
                    ? LogLineKind.NOTICE_ERROR
                    : fetch instanceof FetchEvent.Verified || fetch instanceof FetchEvent.Skipped
                    ? LogLineKind.SUCCESS : LogLineKind.NOTICE_INFO;
            return new LogLine(noticeText(fetch.time(), FetchService.NAME, text), kind, LogSource.FETCH);
        }
        return null;
    }

    /** {@code [LPMOS] 2026/02/04 - 14:00:01 | source | text}: the engine's own lines, Gin-like. */
    private String noticeText(Instant time, String source, String text) {
        return "[LPMOS] " + noticeTime.format(time) + " | " + source + " | " + text;
    }

    /** An address or boot answer given reads as success, a refusal as a client error, the rest as information. */
    private static LogLineKind kindOf(DhcpExchange exchange) {
        if (exchange.reply() == DhcpMessage.NAK) {
            return LogLineKind.CLIENT_ERROR;
        }
        return exchange.reply() == null ? LogLineKind.INFORMATIONAL : LogLineKind.SUCCESS;
    }
}
