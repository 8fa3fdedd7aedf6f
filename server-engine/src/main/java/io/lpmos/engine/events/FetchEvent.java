package io.lpmos.engine.events;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status of one mirror fetch (SPEC §7), as the fetch service publishes it: queued, waiting for
 * another fetch of the same file, ranking its sources (one {@link MirrorMeasured} per source, then
 * {@link Ranked}), downloading (progress at most a few times a second), verifying, and one final
 * event: {@link Verified}, {@link Skipped} or {@link Failed}. A {@link Mismatch} is followed by the
 * next source's download. Every event names its fetch by {@link Subject}.
 */
public sealed interface FetchEvent extends EngineEvent {
    /** Which fetch an event is about: a number unique in this process, the profile's name and the final file. */
    record Subject(long fetchId, String profile, Path target) {
    }

    Subject subject();

    /** How one source did when it was measured; {@code bytesPerSecond} is 0 when it is not usable. */
    record SourceSpeed(URI source, long bytesPerSecond, boolean rangeSupported, String problem) {
        public boolean usable() {
            return problem == null;
        }
    }

    /** The fetch is accepted and waits for a free slot. */
    record Queued(Instant time, Subject subject) implements FetchEvent {
    }

    /** Another fetch (in this or another process) is writing the same file; this one waits for it. */
    record Waiting(Instant time, Subject subject, String reason) implements FetchEvent {
    }

    /** The sources are being measured, all at once, for at most {@code budget}. */
    record Ranking(Instant time, Subject subject, int sources, Duration budget) implements FetchEvent {
    }

    /** One source's measurement. */
    record MirrorMeasured(Instant time, Subject subject, SourceSpeed speed) implements FetchEvent {
    }

    /** The order the sources will be tried in, fastest first; unusable ones are at the end with their problem. */
    record Ranked(Instant time, Subject subject, List<SourceSpeed> order, Duration took) implements FetchEvent {
        public Ranked {
            order = List.copyOf(order);
        }
    }

    /**
     * Bytes are arriving from {@code source}.
     *
     * @param total          the download's size, -1 when unknown
     * @param bytesPerSecond recent speed
     * @param eta            time left at that speed, null when unknown
     * @param resumedFrom    bytes that were already in the {@code .part} when this download started
     */
    record Downloading(Instant time, Subject subject, URI source, long bytes, long total, long bytesPerSecond,
                       Duration eta, long resumedFrom) implements FetchEvent, TrafficEvent {
    }

    /** Every byte is in; the checksum is being compared (or the existing file is being hashed). */
    record Verifying(Instant time, Subject subject, URI source) implements FetchEvent {
    }

    /** The verified download is being unpacked into the target. */
    record Unpacking(Instant time, Subject subject, Path packed) implements FetchEvent {
    }

    /** The source sent other bytes than the checksum says; nothing of them is kept. */
    record Mismatch(Instant time, Subject subject, URI source, String expected, String actual) implements FetchEvent {
    }

    /**
     * The target is in place and matches its checksum.
     *
     * @param source the source it came from, null when the file was already in place and verified
     */
    record Verified(Instant time, Subject subject, URI source, String sha256, long bytes) implements FetchEvent {
    }

    /** The target is in place without a checksum check, for {@code reason}. */
    record Skipped(Instant time, Subject subject, URI source, String reason, long bytes) implements FetchEvent {
    }

    /**
     * Nothing was placed.
     *
     * @param outcomes what happened at each source tried, one operator sentence each
     * @param cancelled the operator (or a shutdown) cancelled it; its {@code .part} is kept for a resume
     */
    record Failed(Instant time, Subject subject, String reason, List<String> outcomes, boolean cancelled)
            implements FetchEvent {
        public Failed {
            outcomes = List.copyOf(outcomes);
        }
    }
}
