package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileBodyTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void dueTimeIsBytesOverRate() {
        assertThat(FileBody.dueNanos(0, 1_000_000)).isZero();
        assertThat(FileBody.dueNanos(500_000, 1_000_000)).isEqualTo(500_000_000L);
        assertThat(FileBody.dueNanos(3 * 1024 * 1024, 1024 * 1024)).isEqualTo(3_000_000_000L);
    }

    @Test
    void dueTimeStaysExactBeyondNineGigabytes() {
        assertThat(FileBody.dueNanos(20 * GIB, GIB)).isEqualTo(20_000_000_000L);
        assertThat(FileBody.dueNanos(100 * GIB + GIB / 2, 10 * 1024 * 1024)).isEqualTo(10_291_200_000_000L);
    }

    @Test
    void dueTimeHandlesRatesBeyondNineGigabytesPerSecond() {
        long rate = 20 * GIB;
        assertThat(FileBody.dueNanos(rate / 2, rate)).isEqualTo(500_000_000L);
        assertThat(FileBody.dueNanos(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1_000_000_000L);
    }
}
