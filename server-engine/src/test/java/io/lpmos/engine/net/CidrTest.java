package io.lpmos.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void ipv4NetworkContainsItsAddressesOnly() throws Exception {
        Cidr lan = Cidr.parse("192.168.0.0/16");
        assertThat(lan.contains(InetAddress.getByName("192.168.246.150"))).isTrue();
        assertThat(lan.contains(InetAddress.getByName("192.169.0.1"))).isFalse();
        assertThat(lan.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(lan).hasToString("192.168.0.0/16");
    }

    @Test
    void hostBitsAreMaskedAndABareAddressIsOneHost() throws Exception {
        assertThat(Cidr.parse(" 10.1.2.3/8 ")).hasToString("10.0.0.0/8").isEqualTo(Cidr.parse("10.0.0.0/8"));
        Cidr host = Cidr.parse("10.1.2.3");
        assertThat(host).hasToString("10.1.2.3/32");
        assertThat(host.contains(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(host.contains(InetAddress.getByName("10.1.2.4"))).isFalse();
    }

    @Test
    void prefixZeroMatchesEveryIpv4AddressButNoIpv6One() throws Exception {
        Cidr everyone = Cidr.parse("0.0.0.0/0");
        assertThat(everyone.contains(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(everyone.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @Test
    void loopbackBlockContainsLoopbackAddresses() throws Exception {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertThat(loopback.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("127.255.0.9"))).isTrue();
    }

    @Test
    void ipv4MappedClientMatchesIpv4Network() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 1, 20};
        InetAddress client = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(client.getAddress()).hasSize(16);
        assertThat(Cidr.parse("192.168.0.0/16").contains(client)).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(client)).isFalse();
    }

    @Test
    void ipv4MappedNetworkIsTheIpv4Network() throws Exception {
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("::ffff:127.0.0.1")).isEqualTo(Cidr.parse("127.0.0.1/32"));
        assertThat(Cidr.parse("::ffff:10.0.0.0/104").contains(InetAddress.getByName("10.9.8.7"))).isTrue();
    }

    @Test
    void ipv6Network() throws Exception {
        Cidr documentation = Cidr.parse("2001:DB8::/32");
        assertThat(documentation).hasToString("2001:db8:0:0:0:0:0:0/32");
        assertThat(documentation.contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(documentation.contains(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(documentation.contains(InetAddress.getByName("32.1.13.184"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "10.0.0.0/33|'10.0.0.0/33' is not a network: the prefix must be 0..32",
            "10.0.0.0/-1|'10.0.0.0/-1' is not a network: the prefix after / must be a number 0..32",
            "10.0.0.0/+8|'10.0.0.0/+8' is not a network: the prefix after / must be a number 0..32",
            "10.0.0.0/|'10.0.0.0/' is not a network: the prefix after / must be a number 0..32",
            "10.0.0.0/8/8|'10.0.0.0/8/8' is not a network: the prefix after / must be a number 0..32",
            "10.0.0.0/99999999999|'10.0.0.0/99999999999' is not a network: the prefix after / must be a number 0..32",
            "2001:db8::/129|'2001:db8::/129' is not a network: the prefix must be 0..128",
            "::ffff:10.0.0.0/95|'::ffff:10.0.0.0/95' is not a network: an IPv4-mapped prefix must be 96..128",
            "256.1.1.1/8|'256.1.1.1/8' is not an IP address: 256 > 255",
            "1.2.3.999|'1.2.3.999' is not an IP address: 999 > 255",
            "1.2.3|'1.2.3' is not an IP address or network such as 192.168.0.0/16",
            "1.2.3.4.5|'1.2.3.4.5' is not an IP address or network such as 192.168.0.0/16",
            "lan|'lan' is not an IP address or network such as 192.168.0.0/16",
            "localhost/8|'localhost/8' is not an IP address or network such as 192.168.0.0/16",
            "fe80::1%eth0|'fe80::1%eth0' is not an IP address or network such as 192.168.0.0/16",
            "1:2:3:4:5:6:7:8:9|'1:2:3:4:5:6:7:8:9' is not a valid IPv6 address",
            ":::|':::' is not a valid IPv6 address"})
    void hostileInputIsRefusedWithTheReason(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text)).withMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyInputIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text))
                .withMessage("no network given: expected an address or network such as 192.168.0.0/16");
    }

    @Test
    void nullIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(null)).withMessageStartingWith("no network given");
    }

    @Test
    void veryLongGarbageIsRefusedQuickly() {
        String garbage = "1".repeat(100_000) + "/8";
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(garbage))
                .withMessageEndingWith("is not an IP address or network such as 192.168.0.0/16");
    }
}
