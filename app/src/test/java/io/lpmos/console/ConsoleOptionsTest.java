package io.lpmos.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {
    @Test
    void defaultsToAUserWritableRootPort8081AndTheHostNameAsIdc() {
        ConsoleOptions options = ConsoleOptions.parse(List.of());

        assertThat(options.config().staticRoot()).isEqualTo(Path.of(System.getProperty("user.home"), "tftpboot"));
        assertThat(options.config().apiPort()).isEqualTo(8081);
        assertThat(options.config().tftp().enabled()).as("TFTP has its toggle and badge").isTrue();
        assertThat(options.config().tftp().port()).isEqualTo(69);
        assertThat(options.config().idc()).isNotBlank();
        assertThat(options.startOnLaunch()).isFalse();
        assertThat(options.dark()).isFalse();
    }

    @Test
    void takesTheHeadlessClientsFlagNames() {
        ConsoleOptions options = ConsoleOptions.parse(List.of("--static-root=/srv/boot", "--api-port=0",
                "--listen-address=127.0.0.1", "--idc=lab-1", "--tftp-port=1069", "--start", "--dark"));

        assertThat(options.config().staticRoot()).isEqualTo(Path.of("/srv/boot"));
        assertThat(options.config().apiPort()).isZero();
        assertThat(options.config().listenAddress()).isEqualTo("127.0.0.1");
        assertThat(options.config().idc()).isEqualTo("lab-1");
        assertThat(options.config().tftp().port()).isEqualTo(1069);
        assertThat(options.startOnLaunch()).isTrue();
        assertThat(options.dark()).isTrue();
    }

    @Test
    void refusesWhatItCannotUseNamingTheOption() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--api-port=eighty")))
                .hasMessageStartingWith("--api-port=eighty is not a port number");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--api-port=70000")))
                .hasMessageContaining("70000 is not in 0..65535");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--tftp-port=tftp")))
                .hasMessageStartingWith("--tftp-port=tftp is not a port number");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--static-root=")))
                .hasMessageStartingWith("--static-root needs a value");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--verbose")))
                .hasMessageStartingWith("unknown option --verbose").hasMessageContaining(ConsoleOptions.USAGE);
    }
}
