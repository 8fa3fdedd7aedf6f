package io.lpmos.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.config.EngineConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Settings dialog's state, without a stage. */
class SettingsViewModelTest {
    private static final EngineConfig RUNNING = EngineConfig.builder().idc("lab").apiPort(8081)
            .staticRoot(Path.of("/srv/tftpboot")).listenAddress("127.0.0.1").serverIp("127.0.0.1").build();
    private static final ConsoleSettings SAVED = ConsoleSettings.empty().withTheme(Theme.DARK)
            .withDisabledServices(Set.of("tftp")).withWindow(new WindowGeometry(1, 2, 900, 600, false),
                    Map.of("bootSplit", List.of(0.25)));

    private final SettingsViewModel model = new SettingsViewModel(SAVED, RUNNING, false);

    @Test
    void fieldsStartWithTheRunningEnginesValues() {
        assertThat(model.textProperty(SettingsField.STATIC_ROOT).get()).isEqualTo("/srv/tftpboot");
        assertThat(model.textProperty(SettingsField.HTTP_PORT).get()).isEqualTo("8081");
        assertThat(model.textProperty(SettingsField.IDC).get()).isEqualTo("lab");
        assertThat(model.textProperty(SettingsField.ETCD_ENDPOINTS).get()).isEmpty();
        assertThat(model.textProperty(SettingsField.ALLOW).get()).isEmpty();
        assertThat(model.textProperty(SettingsField.RATE_LIMIT).get()).isEmpty();
        assertThat(model.textProperty(SettingsField.TFTP_PORT).get()).isEqualTo("69");
        assertThat(model.textProperty(SettingsField.TFTP_TIMEOUT).get()).isEqualTo("1000");
        assertThat(model.textProperty(SettingsField.TFTP_MAX_BLKSIZE).get()).isEqualTo("65464");
        assertThat(model.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(model.validProperty().get()).isTrue();
        assertThat(model.restartNotice()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP_PORT      | 70000          | API port 70000 is not in 0..65535",
            "HTTP_PORT      | -1             | '-1' is not a port number",
            "HTTP_PORT      | 80 81          | '80 81' is not a port number",
            "HTTP_PORT      | 99999999999    | '99999999999' is not a port number",
            "ALLOW          | 999.1.1.1/40   | '999.1.1.1/40' is not an IP address: 999 > 255",
            "ALLOW          | 10.0.0.0/33    | '10.0.0.0/33' is not a network: the prefix must be 0..32",
            "ALLOW          | example.com    | 'example.com' is not an IP address or network",
            "RATE_LIMIT     | fast           | 'fast' is not a size such as 10MB, 512KB or 1GB",
            "RATE_LIMIT     | -5MB           | '-5MB' is negative",
            "IDC            | dc/east        | must be one etcd key segment",
            "IDC            | ..             | must be one etcd key segment",
            "ETCD_ENDPOINTS | 10.0.0.5:2379  | '10.0.0.5:2379' is not a URL: write it with its scheme, e.g. http://10.0.0.5:2379",
            "ETCD_ENDPOINTS | http://a b:1   | 'b:1' is not a URL: write it with its scheme",
            "ETCD_ENDPOINTS | http:///x      | an etcd endpoint must be an http:// or https:// URL",
            "ETCD_ENDPOINTS | ftp://etcd     | an etcd endpoint must be an http:// or https:// URL",
            "STATIC_ROOT    | tftpboot       | 'tftpboot' is relative: give the whole path",
            "TFTP_PORT      | 65536          | TFTP port 65536 is not in 0..65535",
            "TFTP_PORT      | sixty-nine     | 'sixty-nine' is not a port number",
            "TFTP_MAX_TRANSFERS | 0          | TFTP transfers at once 0 is not in 1..10000",
            "TFTP_TIMEOUT   | 5              | TFTP timeout (ms) 5 is not in 10..255000",
            "TFTP_TIMEOUT   | 1s             | '1s' is not a whole number",
            "TFTP_RETRIES   | 101            | TFTP retries 101 is not in 1..100",
            "TFTP_MAX_BLKSIZE | 65465        | TFTP largest block 65465 is not in 8..65464",
            "TFTP_MAX_WINDOWSIZE | 0         | TFTP largest window 0 is not in 1..65535",
            "DHCP_RANGE     | 10.0.0.9-10.0.0.1 | the range 10.0.0.9-10.0.0.1 ends before it starts",
            "DHCP_RANGE     | 10.0.0.9       | '10.0.0.9' is not an address range such as 10.0.0.100-10.0.0.200",
            "DHCP_LEASE     | soon           | 'soon' is not a lease time such as 30m, 12h or 1d",
            "DHCP_LEASE     | 10s            | DHCP lease time 10s is not between 1m and 365d",
            "DHCP_ROUTER    | 10.0.0.256     | DHCP router: '10.0.0.256' is not an IPv4 address: 256 > 255",
            "DHCP_DNS       | dns.lab        | DHCP DNS servers: 'dns.lab' is not an IPv4 address",
            "DHCP_RESERVATIONS | leases.txt  | 'leases.txt' is relative: give the whole path",
    })
    void aHostileValueIsShownAtItsFieldAndNothingCanBeApplied(SettingsField field, String text, String error) {
        model.textProperty(field).set(text);

        assertThat(model.errorProperty(field).get()).contains(error);
        for (SettingsField other : SettingsField.values()) {
            if (other != field) {
                assertThat(model.errorProperty(other).get()).as(other.name()).isNull();
            }
        }
        assertThat(model.validProperty().get()).isFalse();
        assertThat(model.result()).isEmpty();
    }

    @Test
    void dhcpFieldsStartWithTheEnginesValuesAndApplyThroughItsParsers() {
        assertThat(model.textProperty(SettingsField.DHCP_RANGE).get()).isEmpty();
        assertThat(model.textProperty(SettingsField.DHCP_LEASE).get()).isEqualTo("1h");
        assertThat(model.textProperty(SettingsField.DHCP_ROUTER).get()).isEmpty();

        model.textProperty(SettingsField.DHCP_RANGE).set(" 10.0.0.100-10.0.0.200 ");
        model.textProperty(SettingsField.DHCP_LEASE).set("12h");
        model.textProperty(SettingsField.DHCP_ROUTER).set("10.0.0.1");
        model.textProperty(SettingsField.DHCP_DNS).set("10.0.0.53, 10.0.0.54");
        model.textProperty(SettingsField.DHCP_RESERVATIONS).set("/etc/lpmos/reservations");

        SettingsViewModel.Applied applied = model.result().orElseThrow();
        assertThat(applied.restart()).isTrue();
        assertThat(applied.config().dhcp().range()).hasToString("10.0.0.100-10.0.0.200");
        assertThat(applied.config().dhcp().leaseTime()).hasHours(12);
        assertThat(applied.config().dhcp().router()).isEqualTo("10.0.0.1");
        assertThat(applied.config().dhcp().dns()).containsExactly("10.0.0.53", "10.0.0.54");
        assertThat(applied.config().dhcp().reservations()).isEqualTo(Path.of("/etc/lpmos/reservations"));
        assertThat(applied.settings().dhcp()).isEqualTo(new DhcpSettings("proxy", "10.0.0.100-10.0.0.200", "12h",
                "10.0.0.1", List.of("10.0.0.53", "10.0.0.54"), "/etc/lpmos/reservations"));
    }

    @Test
    void emptyIdcAndEmptyRootAreErrors() {
        model.textProperty(SettingsField.IDC).set("");
        model.textProperty(SettingsField.STATIC_ROOT).set(" ");
        assertThat(model.errorProperty(SettingsField.IDC).get()).isEqualTo("IDC name must not be empty");
        assertThat(model.errorProperty(SettingsField.STATIC_ROOT).get())
                .isEqualTo("choose the folder the boot tree is served from");
        assertThat(model.validProperty().get()).isFalse();
    }

    @Test
    void fixingTheValueClearsTheErrorAndEnablesApplying() {
        model.textProperty(SettingsField.HTTP_PORT).set("70000");
        assertThat(model.validProperty().get()).isFalse();

        model.textProperty(SettingsField.HTTP_PORT).set("8090");

        assertThat(model.errorProperty(SettingsField.HTTP_PORT).get()).isNull();
        assertThat(model.validProperty().get()).isTrue();
    }

    @Test
    void applyingGivesTheSettingsToSaveAndTheConfigurationToRun() {
        model.textProperty(SettingsField.HTTP_PORT).set(" 8090 ");
        model.textProperty(SettingsField.ALLOW).set("192.168.0.0/16,  10.0.0.0/8\n172.16.0.0/12");
        model.textProperty(SettingsField.RATE_LIMIT).set("10MB");
        model.textProperty(SettingsField.ETCD_ENDPOINTS).set("http://10.0.0.5:2379");
        model.themeProperty().set(Theme.LIGHT);

        SettingsViewModel.Applied applied = model.result().orElseThrow();

        assertThat(applied.restart()).isTrue();
        assertThat(applied.config().apiPort()).isEqualTo(8090);
        assertThat(applied.config().allow()).hasSize(3);
        assertThat(applied.config().rateLimit()).isEqualTo(10L * 1024 * 1024);
        assertThat(applied.config().etcdEnabled()).isTrue();
        assertThat(applied.config().listenAddress()).as("what the dialog does not edit is kept").isEqualTo("127.0.0.1");
        assertThat(applied.settings().httpPort()).isEqualTo(8090);
        assertThat(applied.settings().allow()).containsExactly("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12");
        assertThat(applied.settings().theme()).isEqualTo(Theme.LIGHT);
        assertThat(applied.settings().disabledServices()).containsExactly("tftp");
        assertThat(applied.settings().window()).isEqualTo(SAVED.window());
        assertThat(applied.settings().applyTo(RUNNING)).isEqualTo(applied.config());
    }

    @Test
    void tftpSettingsReachTheEngineConfiguration() {
        model.textProperty(SettingsField.TFTP_PORT).set("1069");
        model.textProperty(SettingsField.TFTP_TIMEOUT).set("500");
        model.textProperty(SettingsField.TFTP_RETRIES).set("8");
        model.textProperty(SettingsField.TFTP_MAX_TRANSFERS).set("20");
        model.textProperty(SettingsField.TFTP_MAX_BLKSIZE).set("1468");
        model.textProperty(SettingsField.TFTP_MAX_WINDOWSIZE).set("16");

        SettingsViewModel.Applied applied = model.result().orElseThrow();

        assertThat(applied.restart()).isTrue();
        assertThat(applied.config().tftp()).isEqualTo(RUNNING.tftp().withPort(1069).withTimeoutMillis(500).withRetries(8)
                .withMaxTransfers(20).withMaxBlockSize(1468).withMaxWindowSize(16));
        assertThat(applied.settings().tftp()).isEqualTo(new TftpSettings(1069, 20, 500, 8, 1468, 16));
    }

    @Test
    void onlyAThemeChangeNeedsNoRestart() {
        model.themeProperty().set(Theme.SYSTEM);
        SettingsViewModel.Applied applied = model.result().orElseThrow();
        assertThat(applied.restart()).isFalse();
        assertThat(applied.config()).isEqualTo(RUNNING);
    }

    @Test
    void runningServicesAreToldTheyRestart() {
        assertThat(new SettingsViewModel(SAVED, RUNNING, true).restartNotice())
                .contains("PXE services are running", "starts them again with the new settings");
    }
}
