package io.lpmos.engine.mirror;

import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.net.ByteSize;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The operator's words for fetch events, shared by the headless client's terminal and the console's
 * live log: one line per status change, and a progress line for downloads. Stateless and thread-safe.
 */
public final class FetchWording {
    private FetchWording() {
    }

    /**
     * The log line for a status change, without the progress of a download.
     *
     * @return null for {@link FetchEvent.Downloading}, which {@link #progress} words instead
     */
    public static String line(FetchEvent event) {
        String who = event.subject().profile() + ": ";
        if (event instanceof FetchEvent.Queued queued) {
            return who + "queued → " + queued.subject().target();
        }
        if (event instanceof FetchEvent.Waiting waiting) {
            return who + waiting.reason();
        }
        if (event instanceof FetchEvent.Ranking ranking) {
            return who + "measuring " + ranking.sources() + " sources at once (up to " + seconds(ranking.budget()) + ")";
        }
        if (event instanceof FetchEvent.MirrorMeasured measured) {
            return who + "  " + speed(measured.speed());
        }
        if (event instanceof FetchEvent.Ranked ranked) {
            boolean none = ranked.order().isEmpty() || !ranked.order().get(0).usable();
            return who + "ranked " + ranked.order().size() + " sources in " + seconds(ranked.took())
                    + (none ? "; none is usable" : "; fastest " + ranked.order().get(0).source() + " ("
                    + rate(ranked.order().get(0).bytesPerSecond()) + ")");
        }
        if (event instanceof FetchEvent.Verifying verifying) {
            return who + (verifying.source() == null ? "hashing the file already in place" : "verifying the download");
        }
        if (event instanceof FetchEvent.Unpacking unpacking) {
            return who + "unpacking " + unpacking.packed().getFileName();
        }
        if (event instanceof FetchEvent.Mismatch mismatch) {
            return who + "✗ sha256 mismatch from " + mismatch.source() + ": got " + mismatch.actual() + ", expected "
                    + mismatch.expected() + " — nothing kept, trying the next source";
        }
        if (event instanceof FetchEvent.Verified verified) {
            return who + "✓ verified sha256 " + verified.sha256() + " → " + verified.subject().target()
                    + (verified.source() == null ? " (already in place)" : "");
        }
        if (event instanceof FetchEvent.Skipped skipped) {
            return who + "✓ placed " + skipped.subject().target() + " without a checksum check: " + skipped.reason();
        }
        if (event instanceof FetchEvent.Failed failed) {
            return who + "✗ " + failed.reason()
                    + (failed.outcomes().isEmpty() ? "" : "\n    - " + String.join("\n    - ", failed.outcomes()));
        }
        return null;
    }

    /** A source's measured speed, or why it was dropped. */
    public static String speed(FetchEvent.SourceSpeed speed) {
        if (!speed.usable()) {
            return speed.source() + "  dropped: " + speed.problem();
        }
        return speed.source() + "  " + rate(speed.bytesPerSecond())
                + (speed.rangeSupported() ? "" : "  (ignores Range: not ranked, cannot resume)");
    }

    /**
     * One progress line: {@code 45%  123.4 MiB / 270.0 MiB  5.2 MiB/s  ETA 0:27  from mirror.example}.
     */
    public static String progress(FetchEvent.Downloading downloading) {
        return downloading.subject().profile() + "  " + transfer(downloading);
    }

    /** The progress line without the profile's name: {@code 45%  123.4 MiB / 270.0 MiB  5.2 MiB/s  ETA 0:27  from …}. */
    public static String transfer(FetchEvent.Downloading downloading) {
        StringBuilder line = new StringBuilder();
        if (downloading.total() > 0) {
            line.append(String.format(Locale.ROOT, "%3d%%  ", downloading.bytes() * 100 / downloading.total()));
        }
        line.append(ByteSize.format(downloading.bytes()));
        if (downloading.total() > 0) {
            line.append(" / ").append(ByteSize.format(downloading.total()));
        }
        line.append("  ").append(rate(downloading.bytesPerSecond()));
        if (downloading.eta() != null) {
            line.append("  ETA ").append(clock(downloading.eta()));
        }
        line.append("  from ").append(host(downloading.source()));
        if (downloading.resumedFrom() > 0) {
            line.append("  (resumed at ").append(ByteSize.format(downloading.resumedFrom())).append(')');
        }
        return line.toString();
    }

    /** A speed such as {@code 5.2 MiB/s}. */
    public static String rate(long bytesPerSecond) {
        return ByteSize.format(bytesPerSecond) + "/s";
    }

    /** A duration as {@code m:ss} or {@code h:mm:ss}. */
    public static String clock(Duration duration) {
        long total = duration.toSeconds();
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long seconds = total % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds)
                : String.format(Locale.ROOT, "%d:%02d", minutes, seconds);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String host(URI source) {
        return source.getHost() + (source.getPort() > 0 ? ":" + source.getPort() : "");
    }
}
