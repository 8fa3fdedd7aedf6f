package io.lpmos.console.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.net.Cidr;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one mapping from the console's settings to the engine's configuration. */
class ConsoleSettingsTest {
    private static final EngineConfig BASE = EngineConfig.builder().idc("base").listenAddress("127.0.0.1")
            .serverIp("127.0.0.1").build();

    private static ConsoleSettings settings(String root, Integer port, String idc, List<String> etcd, List<String> allow,
                                            String rate) {
        return ConsoleSettings.builder().staticRoot(root).httpPort(port).idc(idc).etcdEndpoints(etcd).allow(allow)
                .rateLimit(rate).build();
    }

    @Test
    void mapsToWhatTheHeadlessClientBuildsForTheSameFlags() {
        // regional-client --idc dc-east --api-port 8090 --static-root /srv/tftpboot
        //   --etcd http://10.0.0.5:2379,https://etcd.example:2379 --allow 192.168.0.0/16,10.1.2.3 --rate-limit 1.5MB
        // builds this (RegionalClientCommand.toConfig: picocli's URI converter is new URI(text), --allow goes
        // through Cidr.parse and --rate-limit through ByteSize.parse):
        EngineConfig cli = BASE.toBuilder().idc("dc-east").apiPort(8090).staticRoot(Path.of("/srv/tftpboot"))
                .etcdEndpoints(List.of(URI.create("http://10.0.0.5:2379"), URI.create("https://etcd.example:2379")))
                .allow(List.of(Cidr.parse("192.168.0.0/16"), Cidr.parse("10.1.2.3"))).rateLimit(1_572_864).build();

        EngineConfig console = settings("/srv/tftpboot", 8090, "dc-east",
                List.of("http://10.0.0.5:2379", "https://etcd.example:2379"), List.of("192.168.0.0/16", "10.1.2.3"),
                "1.5MB").applyTo(BASE);

        assertThat(console).isEqualTo(cli);
    }

    @Test
    void unsetSettingsKeepTheBaseValues() {
        assertThat(ConsoleSettings.empty().applyTo(BASE)).isEqualTo(BASE);
        assertThat(settings(null, 9000, null, null, null, null).applyTo(BASE))
                .isEqualTo(BASE.toBuilder().apiPort(9000).build());
    }

    @Test
    void aBlankRateLimitIsUnlimitedAndEmptyListsClearTheBase() {
        EngineConfig limited = BASE.toBuilder().rateLimit(1024).allow(List.of(Cidr.parse("10.0.0.0/8")))
                .etcdEndpoints(List.of(URI.create("http://10.0.0.5:2379"))).build();
        EngineConfig cleared = settings(null, null, null, List.of(), List.of(), "").applyTo(limited);
        assertThat(cleared.rateLimit()).isZero();
        assertThat(cleared.allow()).isEmpty();
        assertThat(cleared.etcdEnabled()).isFalse();
    }

    @Test
    void readingBackARunningConfigurationGivesTheSameConfiguration() {
        EngineConfig running = BASE.toBuilder().idc("lab").apiPort(8443).staticRoot(Path.of("/data/boot"))
                .etcdEndpoints(List.of(URI.create("http://10.0.0.5:2379"))).allow(List.of(Cidr.parse("10.0.0.0/8")))
                .rateLimit(1_500_000).build();
        ConsoleSettings read = ConsoleSettings.empty().withTheme(Theme.DARK).withDisabledServices(Set.of("tftp"))
                .withEngineSettingsOf(running);
        assertThat(read.applyTo(BASE)).isEqualTo(running);
        assertThat(read.theme()).isEqualTo(Theme.DARK);
        assertThat(read.disabledServices()).containsExactly("tftp");
    }

    @Test
    void sizesAreWrittenInTheShortestExactForm() {
        assertThat(ConsoleSettings.exactSize(0)).isEmpty();
        assertThat(ConsoleSettings.exactSize(10L * 1024 * 1024)).isEqualTo("10MB");
        assertThat(ConsoleSettings.exactSize(512 * 1024)).isEqualTo("512KB");
        assertThat(ConsoleSettings.exactSize(1_500_000)).isEqualTo("1500000");
    }

    @Test
    void hostileValuesAreRejectedInTheEnginesWords() {
        assertThatThrownBy(() -> settings(null, 70000, null, null, null, null).applyTo(BASE))
                .hasMessage("API port 70000 is not in 0..65535");
        assertThatThrownBy(() -> settings(null, null, null, null, List.of("999.1.1.1/40"), null).applyTo(BASE))
                .hasMessage("'999.1.1.1/40' is not an IP address: 999 > 255");
        assertThatThrownBy(() -> settings(null, null, null, null, null, "fast").applyTo(BASE))
                .hasMessage("'fast' is not a size such as 10MB, 512KB or 1GB");
        assertThatThrownBy(() -> settings(null, null, "", null, null, null).applyTo(BASE))
                .hasMessage("--idc must not be empty");
        assertThatThrownBy(() -> settings(null, null, "dc/east", null, null, null).applyTo(BASE))
                .hasMessageContaining("must be one etcd key segment");
        assertThatThrownBy(() -> settings(null, null, null, List.of("localhost:2379"), null, null).applyTo(BASE))
                .hasMessage("'localhost:2379' is not a URL: write it with its scheme, e.g. http://localhost:2379");
        assertThatThrownBy(() -> settings(null, null, null, List.of("ftp://etcd:2379"), null, null).applyTo(BASE))
                .hasMessageContaining("an etcd endpoint must be an http:// or https:// URL");
        assertThatThrownBy(() -> settings(null, null, null, List.of("http://bad host:2379"), null, null).applyTo(BASE))
                .hasMessageContaining("is not a URL such as http://10.0.0.5:2379");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "tftpboot", "./boot", "/srv/\u0000boot"})
    void aStaticRootMustBeAnAbsolutePath(String root) {
        assertThatThrownBy(() -> settings(root, null, null, null, null, null).applyTo(BASE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
