package io.lpmos.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.net.Cidr;
import io.lpmos.engine.net.Ipv4Range;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineConfigTest {

    private static EngineConfig.Builder site() {
        return EngineConfig.builder().idc("mailong-test");
    }

    @Test
    void defaultsAreThoseOfTheCatalogue() {
        EngineConfig config = site().build();

        assertThat(config.apiPort()).isEqualTo(EngineConfig.DEFAULT_API_PORT).isEqualTo(8081);
        assertThat(config.listenAddress()).isEqualTo("0.0.0.0");
        assertThat(config.staticRoot()).isEqualTo(Path.of("/tftpboot"));
        assertThat(config.etcdLeaseTtl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.etcdEnabled()).isFalse();
        assertThat(config.tlsEnabled()).isFalse();
        assertThat(config.allow()).isEmpty();
        assertThat(config.rateLimit()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 69, 8081, 65535})
    void portsInRangeAreAccepted(int port) {
        assertThat(site().apiPort(port).build().apiPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, 100_000, Integer.MIN_VALUE})
    void portsOutOfRangeAreRejectedNamingThePort(int port) {
        assertThatThrownBy(() -> site().apiPort(port).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API port " + port + " is not in 0..65535");
    }

    @Test
    void tlsCertificateAndKeyGoTogether() {
        Path cert = Path.of("/etc/lpmos/cert.pem");
        Path key = Path.of("/etc/lpmos/key.pem");

        assertThatThrownBy(() -> site().tls(cert, null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-cert and --tls-key go together: give both or neither");
        assertThatThrownBy(() -> site().tls(null, key).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-cert and --tls-key go together: give both or neither");
        assertThatThrownBy(() -> site().tls(cert, key).tlsSelfSigned(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tls-self-signed");

        assertThat(site().tls(cert, key).build().tlsEnabled()).isTrue();
        assertThat(site().tlsSelfSigned(true).build().tlsEnabled()).isTrue();
    }

    @Test
    void leaseTtlIsAtLeastTwoSeconds() {
        assertThatNoException().isThrownBy(() -> site().etcdLeaseTtl(Duration.ofSeconds(2)).build());
        for (Duration tooShort : List.of(Duration.ofMillis(1999), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(-5))) {
            assertThatThrownBy(() -> site().etcdLeaseTtl(tooShort).build())
                    .as("TTL %s", tooShort)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("etcd lease TTL must be at least 2 seconds");
        }
        assertThatThrownBy(() -> site().etcdLeaseTtl(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("etcdLeaseTtl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dc/1", "/", ".", "..", "dc\n1"})
    void idcThatIsNotOneKeySegmentIsRejected(String idc) {
        assertThatThrownBy(() -> EngineConfig.builder().idc(idc).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be one etcd key segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:2379", "etcd", "ftp://10.0.0.5:2379", "http:///path"})
    void etcdEndpointThatIsNoHttpUrlIsRejected(String endpoint) {
        assertThatThrownBy(() -> site().etcdEndpoints(List.of(URI.create(endpoint))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an etcd endpoint must be an http:// or https:// URL with a host");
    }

    @Test
    void negativeRateLimitIsRejected() {
        assertThatThrownBy(() -> site().rateLimit(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate limit must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankIdcIsRejected(String idc) {
        assertThatThrownBy(() -> EngineConfig.builder().idc(idc).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--idc must not be empty");
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        List<Cidr> allow = new ArrayList<>(List.of(Cidr.parse("192.168.0.0/16")));
        List<URI> etcd = new ArrayList<>(List.of(URI.create("http://127.0.0.1:2379")));
        Map<String, URI> upstreams = new LinkedHashMap<>(Map.of("ubuntu", URI.create("http://archive.ubuntu.com/ubuntu")));
        EngineConfig config = site().allow(allow).etcdEndpoints(etcd).reposUpstreams(upstreams).build();

        allow.clear();
        etcd.clear();
        upstreams.clear();

        assertThat(config.allow()).hasSize(1);
        assertThat(config.etcdEndpoints()).hasSize(1);
        assertThat(config.reposUpstreams()).hasSize(1);
        assertThatThrownBy(() -> config.allow().add(Cidr.parse("10.0.0.0/8"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.reposUpstreams().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(config.etcdEnabled()).isTrue();
    }

    @Test
    void toBuilderRebuildsAnEqualConfig() {
        EngineConfig config = fullySet();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.toBuilder().apiPort(9000).build().apiPort()).isEqualTo(9000);
    }

    @Test
    void describeShowsDefaultsInOperatorTerms() {
        assertThat(site().build().describe()).containsExactly(
                "idc=mailong-test",
                "serverIp=(auto)",
                "listenAddress=0.0.0.0",
                "apiPort=8081",
                "staticRoot=/tftpboot",
                "interfaceName=(none)",
                "etcdEndpoints=[]",
                "etcdLeaseTtl=15s",
                "allow=(everyone)",
                "rateLimit=(unlimited)",
                "gzip=false",
                "tls=off",
                "reposUpstreams={}",
                "tftp.enabled=false",
                "tftp.port=69",
                "tftp.maxTransfers=100",
                "tftp.timeoutMillis=1000ms",
                "tftp.retries=5",
                "tftp.maxBlockSize=65464",
                "tftp.maxWindowSize=65535",
                "dhcp.enabled=false",
                "dhcp.mode=proxy",
                "dhcp.range=(upper half of the interface's subnet)",
                "dhcp.leaseTime=1h",
                "dhcp.router=(none)",
                "dhcp.dns=(none)",
                "dhcp.domain=(none)",
                "dhcp.reservations=(none)",
                "dhcp.conflictCheck=on",
                "dhcp.bootFiles=(defaults)",
                "dhcp.ipxeScript=boot/boot.ipxe",
                "dhcp.ignoreOtherServers=false",
                "dhcp.stateDir=/var/lib/lpmos");
    }

    @Test
    void describeShowsEverySettingGivenInTheOrderGiven() {
        assertThat(fullySet().describe()).containsExactly(
                "idc=mailong-test",
                "serverIp=192.168.246.140",
                "listenAddress=127.0.0.1",
                "apiPort=0",
                "staticRoot=/srv/tftpboot",
                "interfaceName=eth1",
                "etcdEndpoints=[http://127.0.0.1:2379, http://127.0.0.2:2379]",
                "etcdLeaseTtl=30s",
                "allow=[192.168.0.0/16, 10.0.0.0/8]",
                "rateLimit=10.0 MiB/s",
                "gzip=true",
                "tls=/etc/lpmos/cert.pem + /etc/lpmos/key.pem",
                "reposUpstreams={ubuntu=http://archive.ubuntu.com/ubuntu, debian=http://deb.debian.org/debian,"
                        + " rocky=http://dl.rockylinux.org/pub/rocky, centos=http://vault.centos.org}",
                "tftp.enabled=true",
                "tftp.port=1069",
                "tftp.maxTransfers=50",
                "tftp.timeoutMillis=3000ms",
                "tftp.retries=7",
                "tftp.maxBlockSize=1468",
                "tftp.maxWindowSize=16",
                "dhcp.enabled=true",
                "dhcp.mode=full",
                "dhcp.range=10.0.0.100-10.0.0.200",
                "dhcp.leaseTime=12h",
                "dhcp.router=10.0.0.1",
                "dhcp.dns=10.0.0.2,10.0.0.3",
                "dhcp.domain=lab.example",
                "dhcp.reservations=/etc/lpmos/reservations",
                "dhcp.conflictCheck=off",
                "dhcp.bootFiles=bios=boot/pxelinux.0, efi-x64=boot/snponly.efi",
                "dhcp.ipxeScript=http://10.0.0.5/menu.ipxe",
                "dhcp.ignoreOtherServers=true",
                "dhcp.stateDir=/srv/lpmos-state");
        assertThat(site().tlsSelfSigned(true).build().describe()).contains("tls=self-signed");
    }

    @Test
    void catalogueNamesEverySettingOnceWithItsFlag() {
        List<String> keys = EngineConfig.SETTINGS.stream().map(EngineConfig.Setting::key).toList();
        // a service's own settings record is listed by its components: tftp.port, dhcp.mode, ...
        List<String> components = Arrays.stream(EngineConfig.class.getRecordComponents())
                .flatMap(component -> component.getType().isRecord()
                        ? Arrays.stream(component.getType().getRecordComponents())
                                .map(sub -> component.getName() + "." + sub.getName())
                        : java.util.stream.Stream.of(component.getName()))
                .toList();

        assertThat(keys).containsExactlyElementsOf(components);
        assertThat(EngineConfig.SETTINGS).allSatisfy(setting -> {
            assertThat(setting.flag()).startsWith("--");
            assertThat(setting.defaultValue()).isNotBlank();
            assertThat(setting.description()).isNotBlank();
        });
        assertThat(EngineConfig.SETTINGS.stream().map(EngineConfig.Setting::flag)).doesNotHaveDuplicates();
    }

    private static EngineConfig fullySet() {
        Map<String, URI> upstreams = new LinkedHashMap<>();
        upstreams.put("ubuntu", URI.create("http://archive.ubuntu.com/ubuntu"));
        upstreams.put("debian", URI.create("http://deb.debian.org/debian"));
        upstreams.put("rocky", URI.create("http://dl.rockylinux.org/pub/rocky"));
        upstreams.put("centos", URI.create("http://vault.centos.org"));
        return site()
                .serverIp("192.168.246.140")
                .listenAddress("127.0.0.1")
                .apiPort(0)
                .staticRoot(Path.of("/srv/tftpboot"))
                .interfaceName("eth1")
                .etcdEndpoints(List.of(URI.create("http://127.0.0.1:2379"), URI.create("http://127.0.0.2:2379")))
                .etcdLeaseTtl(Duration.ofSeconds(30))
                .allow(List.of(Cidr.parse("192.168.0.0/16"), Cidr.parse("10.0.0.0/8")))
                .rateLimit(10L * 1024 * 1024)
                .gzip(true)
                .tls(Path.of("/etc/lpmos/cert.pem"), Path.of("/etc/lpmos/key.pem"))
                .reposUpstreams(upstreams)
                .tftp(new TftpConfig(true, 1069, 50, 3000, 7, 1468, 16))
                .dhcp(DhcpConfig.DEFAULTS.toBuilder().enabled(true).mode(DhcpMode.FULL)
                        .range(Ipv4Range.parse("10.0.0.100-10.0.0.200")).leaseTime(Duration.ofHours(12))
                        .router("10.0.0.1").dns(List.of("10.0.0.2", "10.0.0.3")).domain("lab.example")
                        .reservations(Path.of("/etc/lpmos/reservations")).conflictCheck(false)
                        .bootFiles(Map.of(ClientArch.EFI_X64, "boot/snponly.efi", ClientArch.BIOS, "boot/pxelinux.0"))
                        .ipxeScript("http://10.0.0.5/menu.ipxe").ignoreOtherServers(true)
                        .stateDir(Path.of("/srv/lpmos-state")).build())
                .build();
    }
}
