package io.lpmos.console.nic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NicFlagTest {
    @Test
    void classifiesByWhatTheOsReportsAndLinuxNamingConventions() {
        assertThat(NicFlag.classify("eth0", true, false, false)).isEmpty();
        assertThat(NicFlag.classify("enp3s0", true, false, false)).isEmpty();
        assertThat(NicFlag.classify("lo", true, true, false)).containsExactly(NicFlag.LOOPBACK);
        assertThat(NicFlag.classify("wlp2s0", true, false, false)).containsExactly(NicFlag.WIRELESS);
        assertThat(NicFlag.classify("wlan0", false, false, false)).containsExactly(NicFlag.WIRELESS, NicFlag.DOWN);
        assertThat(NicFlag.classify("tun0", true, false, false)).containsExactly(NicFlag.VPN);
        assertThat(NicFlag.classify("wg0", true, false, false)).containsExactly(NicFlag.VPN);
        assertThat(NicFlag.classify("ppp0", true, false, false)).containsExactly(NicFlag.VPN);
        assertThat(NicFlag.classify("docker0", true, false, false)).containsExactly(NicFlag.VIRTUAL);
        assertThat(NicFlag.classify("veth12ab", true, false, false)).containsExactly(NicFlag.VIRTUAL);
        assertThat(NicFlag.classify("virbr0", false, false, false)).containsExactly(NicFlag.VIRTUAL, NicFlag.DOWN);
        assertThat(NicFlag.classify("eth0:1", true, false, true)).containsExactly(NicFlag.VIRTUAL);
    }

    @Test
    void labelsNameTheAddressAndTheFlags() {
        assertThat(new NetworkInterfaceChoice("eth0", "192.168.1.5", Set.of()).label()).isEqualTo("eth0 — 192.168.1.5");
        assertThat(new NetworkInterfaceChoice("wlan0", null, Set.of(NicFlag.DOWN, NicFlag.WIRELESS)).label())
                .isEqualTo("wlan0 — no IPv4  [Wi-Fi, down]");
    }

    @Test
    void catalogReadsTheMachinesInterfacesWithPreferredOnesFirst() throws Exception {
        List<NetworkInterfaceChoice> found = new NetworkInterfaceCatalog().read();

        assertThat(found).anySatisfy(nic -> {
            assertThat(nic.flags()).contains(NicFlag.LOOPBACK);
            assertThat(nic.ipv4()).isEqualTo("127.0.0.1");
        });
        int firstNotPreferred = (int) found.stream().takeWhile(NetworkInterfaceChoice::isPreferred).count();
        assertThat(found.subList(firstNotPreferred, found.size())).noneMatch(NetworkInterfaceChoice::isPreferred);
    }
}
