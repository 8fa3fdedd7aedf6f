package io.lpmos.engine.mirror;

import java.time.Duration;

/**
 * The timings and sizes of fetches: defaults for real mirrors, shorter ones in tests. Immutable.
 *
 * @param rankingBudget    how long all sources together are measured
 * @param probeBytes       how much of the file each source is asked for when measured
 * @param headersTimeout   how long a download waits for a source's status line and headers
 * @param stallTimeout     a download that receives nothing for this long is given up (the watchdog)
 * @param progressInterval shortest time between two progress events of one fetch
 * @param maxConcurrent    fetches that download at once; further ones wait queued
 * @param attemptsPerSource downloads started from one source after interruptions that still made progress
 */
public record FetchTuning(Duration rankingBudget, long probeBytes, Duration headersTimeout, Duration stallTimeout,
                          Duration progressInterval, int maxConcurrent, int attemptsPerSource) {
    public static final FetchTuning DEFAULTS = new FetchTuning(Duration.ofMillis(2000), 32L * 1024 * 1024,
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofMillis(250), 2, 3);

    public FetchTuning {
        if (probeBytes < 1 || maxConcurrent < 1 || attemptsPerSource < 1) {
            throw new IllegalArgumentException("probe size, concurrency and attempts must be at least 1");
        }
    }

    public FetchTuning withMaxConcurrent(int value) {
        return new FetchTuning(rankingBudget, probeBytes, headersTimeout, stallTimeout, progressInterval, value,
                attemptsPerSource);
    }
}
