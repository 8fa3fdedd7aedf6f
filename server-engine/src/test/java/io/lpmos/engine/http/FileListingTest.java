package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileListingTest {
    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-02-04T14:00:00Z", "2000-02-29T23:59:59Z",
            "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "-0001-06-01T12:00:00Z"})
    void rfc3339MatchesIsoInstantForWholeSeconds(String text) {
        Instant instant = Instant.parse(text);

        assertThat(FileListing.rfc3339(instant.getEpochSecond()))
                .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant))
                .isEqualTo(text);
    }
}
