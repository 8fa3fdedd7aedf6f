package io.lpmos.engine.http;

import io.lpmos.engine.events.HttpAccess;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Gin's default access-log line without colours, byte for byte:
 * {@code fmt.Sprintf("[GIN] %v | %3d | %13v | %15s | %-7s  %#v", time, status, latency, clientIP, method, path)}
 * with the time as {@code 2006/01/02 - 15:04:05} and latencies over a minute truncated to the second,
 * as Gin's {@code defaultLogFormatter} does. Thread-safe.
 */
public final class GinLogFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss");
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final DateTimeFormatter time;

    /** Formats times in the given zone (the headless client uses the machine's local zone, as Go does). */
    public GinLogFormat(ZoneId zone) {
        this.time = TIME.withZone(zone);
    }

    public String format(HttpAccess event) {
        return "[GIN] " + time.format(event.time())
                + " | " + GoFormat.padLeft(Integer.toString(event.status()), 3)
                + " | " + GoFormat.padLeft(GoFormat.duration(ginLatency(event.latency())), 13)
                + " | " + GoFormat.padLeft(event.client(), 15)
                + " | " + GoFormat.padRight(event.method(), 7)
                + "  " + GoFormat.quote(event.path());
    }

    private static long ginLatency(Duration latency) {
        long nanos = GoFormat.saturatedNanos(latency);
        return nanos > MINUTE_NANOS ? nanos - nanos % SECOND_NANOS : nanos;
    }
}
