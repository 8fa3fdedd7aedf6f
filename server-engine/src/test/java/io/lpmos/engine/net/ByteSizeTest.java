package io.lpmos.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "512, 512",
            "512B, 512",
            "512k, 524288",
            "512KB, 524288",
            "10MB, 10485760",
            "10 mb, 10485760",
            "10MiB, 10485760",
            "10MB/s, 10485760",
            "1.5GiB, 1610612736",
            "1g, 1073741824",
            "2TB, 2199023255552",
            "' 1k ', 1024"})
    void parsesSizesInPowersOf1024(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "10 MBps", "10XB", "1.2.3", "1e9", "MB", "0x10", "10MB/h", "1,5MB", "∞"})
    void garbageIsRefusedWithAnExample(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessage("'" + text + "' is not a size such as 10MB, 512KB or 1GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-10MB", " -0"})
    void negativeSizesAreRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessage("'" + text + "' is negative: a size must be 0 or more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8388608T", "9223372036854775807", "99999999999999999999999999", "9999999TB"})
    void sizesBeyondALongAreRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessage("'" + text + "' is too large: at most 8 EiB");
    }

    @Test
    void hugeDigitStringIsRefusedAsTooLarge() {
        String digits = "9".repeat(400);
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(digits))
                .withMessageEndingWith("is too large: at most 8 EiB");
    }

    @Test
    void fractionOfAByteIsRefusedRatherThanBecomingUnlimited() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse("0.5"))
                .withMessage("'0.5' is less than one byte");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void emptyInputIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessage("no size given: expected a size such as 10MB, 512KB or 1GB");
    }

    @Test
    void nullIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(null)).withMessageStartingWith("no size given");
    }

    @Test
    void formatsInBinaryUnits() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(10 * 1024 * 1024)).isEqualTo("10.0 MiB");
        assertThat(ByteSize.format(Long.MAX_VALUE)).isEqualTo("8192.0 PiB");
    }
}
