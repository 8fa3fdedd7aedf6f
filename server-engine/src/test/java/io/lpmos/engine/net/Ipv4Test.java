package io.lpmos.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {
    @Test
    void parsesAndFormatsDottedQuads() {
        assertThat(Ipv4.parse("10.0.0.1")).isEqualTo(0x0a000001);
        assertThat(Ipv4.format(0xc0a80aff)).isEqualTo("192.168.10.255");
        assertThat(Ipv4.format(Ipv4.parse(" 255.255.255.255 "))).isEqualTo("255.255.255.255");
        assertThat(Ipv4.netmask(24)).isEqualTo(0xffffff00);
        assertThat(Ipv4.netmask(0)).isZero();
        assertThat(Ipv4.compare(Ipv4.parse("200.0.0.1"), Ipv4.parse("10.0.0.1"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0", "10.0.0.1.2", "10.0.0.a", "10..0.1", "1000.0.0.1", "", "host.example"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> Ipv4.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an IPv4 address");
    }

    @Test
    void rangesAreInclusiveAndChecked() {
        Ipv4Range range = Ipv4Range.parse("10.0.0.100-10.0.0.200");
        assertThat(range.size()).isEqualTo(101);
        assertThat(range.contains(Ipv4.parse("10.0.0.200"))).isTrue();
        assertThat(range.contains(Ipv4.parse("10.0.0.201"))).isFalse();
        assertThat(range).hasToString("10.0.0.100-10.0.0.200");
        assertThatThrownBy(() -> Ipv4Range.parse("10.0.0.200-10.0.0.100")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> Ipv4Range.parse("10.0.0.0-10.255.255.255")).hasMessageContaining("more than");
        assertThatThrownBy(() -> Ipv4Range.parse("10.0.0.1")).hasMessageContaining("is not an address range");
    }
}
