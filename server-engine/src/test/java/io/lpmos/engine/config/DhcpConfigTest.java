package io.lpmos.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.boot.ClientArch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DhcpConfigTest {
    private static DhcpConfig.Builder dhcp() {
        return DhcpConfig.DEFAULTS.toBuilder();
    }

    @Test
    void leaseTimesReadAsOperatorsWriteThem() {
        assertThat(DhcpConfig.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DhcpConfig.parseDuration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DhcpConfig.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DhcpConfig.parseDuration("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(DhcpConfig.formatDuration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DhcpConfig.formatDuration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThatThrownBy(() -> DhcpConfig.parseDuration("soon")).hasMessage("'soon' is not a lease time such as 30m, 12h or 1d");
        assertThatThrownBy(() -> dhcp().leaseTime(Duration.ofSeconds(10)).build())
                .hasMessage("--dhcp-lease 10s is not between 1m and 365d");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "router     | 10.0.0.256    | --dhcp-router: '10.0.0.256' is not an IPv4 address: 256 > 255",
        "dns        | gateway       | --dhcp-dns: 'gateway' is not an IPv4 address such as 192.168.0.1",
        "domain     | lab..example  | --dhcp-domain 'lab..example' is not a domain name such as lab.example",
        "script     | ../boot.ipxe  | --ipxe-script '../boot.ipxe' must be a plain path inside the boot tree (no empty, . or .. parts), e.g. boot/ipxe.efi",
        "script     | /srv/boot.ipxe | --ipxe-script '/srv/boot.ipxe' must be a path inside the boot tree such as boot/ipxe.efi, or an http:// URL",
        "bootfile   | C:\\boot.efi  | --dhcp-boot-file efi-x64 'C:\\boot.efi' must be a path inside the boot tree such as boot/ipxe.efi, or an http:// URL",
    })
    void badValuesAreNamedWithTheirFlag(String setting, String value, String message) {
        assertThatThrownBy(() -> {
            switch (setting.strip()) {
                case "router" -> dhcp().router(value).build();
                case "dns" -> dhcp().dns(List.of(value)).build();
                case "domain" -> dhcp().domain(value).build();
                case "script" -> dhcp().ipxeScript(value).build();
                default -> dhcp().bootFiles(Map.of(ClientArch.EFI_X64, value)).build();
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void bootFilesAreGivenPerArchitecture() {
        assertThat(DhcpConfig.parseBootFile("efi-x64=boot/snponly.efi"))
                .isEqualTo(Map.entry(ClientArch.EFI_X64, "boot/snponly.efi"));
        assertThatThrownBy(() -> DhcpConfig.parseBootFile("boot/snponly.efi")).hasMessageContaining("is not <arch>=<file>");
        assertThatThrownBy(() -> DhcpConfig.parseBootFile("risc-v=x.efi")).hasMessageStartingWith(
                "client architecture 'risc-v' is not one of bios, efi-ia32, efi-x64, efi-arm64, efi-x64-http, efi-arm64-http");
    }

    @Test
    void dhcpNeedsAnInterfaceAndKeepsItsLeasesOutOfTheBootTree() {
        DhcpConfig enabled = dhcp().enabled(true).build();
        EngineConfig.Builder site = EngineConfig.builder().idc("lab").staticRoot(Path.of("/srv/tftpboot")).dhcp(enabled);

        assertThatThrownBy(site::build).hasMessage("--enable-dhcp needs --interface: DHCP answers on one network interface"
                + " only, the one the machines boot from, e.g. --interface=eth1");
        assertThatThrownBy(() -> site.interfaceName("eth1").dhcp(enabled.toBuilder()
                .stateDir(Path.of("/srv/tftpboot/state")).build()).build())
                .hasMessage("--state-dir /srv/tftpboot/state is inside the boot tree /srv/tftpboot: HTTP and TFTP would"
                        + " serve the DHCP leases — choose a folder outside it, e.g. /var/lib/lpmos");
        assertThat(site.interfaceName("eth1").dhcp(enabled).build().dhcp().enabled()).isTrue();
        assertThat(EngineConfig.builder().idc("lab").staticRoot(Path.of("/")).build().dhcp().enabled()).isFalse();
    }
}
