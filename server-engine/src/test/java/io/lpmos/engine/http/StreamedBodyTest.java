package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamedBodyTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void dueTimeIsBytesOverRate() {
        assertThat(StreamedBody.dueNanos(0, 1_000_000)).isZero();
        assertThat(StreamedBody.dueNanos(500_000, 1_000_000)).isEqualTo(500_000_000L);
        assertThat(StreamedBody.dueNanos(3 * 1024 * 1024, 1024 * 1024)).isEqualTo(3_000_000_000L);
    }

    @Test
    void dueTimeStaysExactBeyondNineGigabytes() {
        assertThat(StreamedBody.dueNanos(20 * GIB, GIB)).isEqualTo(20_000_000_000L);
        assertThat(StreamedBody.dueNanos(100 * GIB + GIB / 2, 10 * 1024 * 1024)).isEqualTo(10_291_200_000_000L);
    }

    @Test
    void dueTimeHandlesRatesBeyondNineGigabytesPerSecond() {
        long rate = 20 * GIB;
        assertThat(StreamedBody.dueNanos(rate / 2, rate)).isEqualTo(500_000_000L);
        assertThat(StreamedBody.dueNanos(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1_000_000_000L);
    }
}
