package io.lpmos.engine.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticBootPolicyTest {
    @Test
    void answersOnlyWhatItWasGiven() {
        StaticBootPolicy policy = new StaticBootPolicy(Map.of(ClientArch.BIOS, "boot/pxelinux.0"), "http://s/boot.ipxe");

        assertThat(policy.bootFor(new BootClient("m", ClientArch.BIOS, false))).contains(new BootAnswer("boot/pxelinux.0"));
        assertThat(policy.bootFor(new BootClient("m", ClientArch.EFI_X64, false))).isEmpty();
        assertThat(policy.bootFor(new BootClient("m", ClientArch.EFI_X64, true))).contains(new BootAnswer("http://s/boot.ipxe"));
        assertThat(new BootAnswer("http://s/boot.ipxe").isUrl()).isTrue();
        assertThat(new BootAnswer("boot/pxelinux.0").isUrl()).isFalse();
        assertThat(policy.startupWarnings()).isEmpty();
    }

    @Test
    void architectureCodesFollowRfc4578() {
        assertThat(ClientArch.ofCode(0)).contains(ClientArch.BIOS);
        assertThat(ClientArch.ofCode(6)).contains(ClientArch.EFI_IA32);
        assertThat(ClientArch.ofCode(7)).contains(ClientArch.EFI_X64);
        assertThat(ClientArch.ofCode(9)).contains(ClientArch.EFI_X64);
        assertThat(ClientArch.ofCode(0x0b)).contains(ClientArch.EFI_ARM64);
        assertThat(ClientArch.ofCode(0x10)).contains(ClientArch.EFI_X64_HTTP);
        assertThat(ClientArch.ofCode(0x13)).contains(ClientArch.EFI_ARM64_HTTP);
        assertThat(ClientArch.ofCode(2)).isEmpty();
        assertThat(ClientArch.parse("EFI-X64")).isEqualTo(ClientArch.EFI_X64);
    }
}
