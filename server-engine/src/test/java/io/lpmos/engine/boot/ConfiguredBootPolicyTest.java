package io.lpmos.engine.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredBootPolicyTest {
    private static final String BASE = "http://10.0.0.1:8081";

    @TempDir
    Path root;

    @BeforeEach
    void bootFolder() throws Exception {
        Files.createDirectories(root.resolve("boot"));
    }

    private ConfiguredBootPolicy policy(Map<ClientArch, String> configured, String script) {
        return new ConfiguredBootPolicy(configured, script, root, () -> BASE);
    }

    private static Optional<String> file(BootPolicy policy, ClientArch arch, boolean ipxe) {
        return policy.bootFor(new BootClient("52:54:00:12:34:56", arch, ipxe)).map(BootAnswer::bootFile);
    }

    @Test
    void theFirstDefaultPresentInTheTreeWins() throws Exception {
        ConfiguredBootPolicy policy = policy(Map.of(), "boot/boot.ipxe");
        assertThat(file(policy, ClientArch.EFI_X64, false)).contains("boot/ipxe.efi");

        Files.writeString(root.resolve("boot/grubnetx64.efi"), "grub");
        assertThat(file(policy, ClientArch.EFI_X64, false)).contains("boot/grubnetx64.efi");
        Files.writeString(root.resolve("boot/snponly.efi"), "snp");
        assertThat(file(policy, ClientArch.EFI_X64, false)).contains("boot/snponly.efi");
        Files.writeString(root.resolve("boot/pxelinux.0"), "pxelinux");
        assertThat(file(policy, ClientArch.BIOS, false)).contains("boot/pxelinux.0");
        Files.writeString(root.resolve("boot/undionly.kpxe"), "ipxe");
        assertThat(file(policy, ClientArch.BIOS, false)).contains("boot/undionly.kpxe");
    }

    @Test
    void theOperatorsChoiceWinsEvenWhenMissing() {
        ConfiguredBootPolicy policy = policy(Map.of(ClientArch.BIOS, "boot/lpxelinux.0"), "boot/boot.ipxe");

        assertThat(file(policy, ClientArch.BIOS, false)).contains("boot/lpxelinux.0");
    }

    @Test
    void httpBootAndIpxeGetUrlsOfThisServer() {
        ConfiguredBootPolicy policy = policy(Map.of(), "boot/boot.ipxe");

        assertThat(file(policy, ClientArch.EFI_X64_HTTP, false)).contains(BASE + "/boot/ipxe.efi");
        assertThat(file(policy, ClientArch.BIOS, true)).contains(BASE + "/boot/boot.ipxe");
        assertThat(file(policy(Map.of(), "http://menu.lab/boot.ipxe"), ClientArch.EFI_X64, true))
                .contains("http://menu.lab/boot.ipxe");
    }

    @Test
    void missingFilesAreNamedAtStartWithWhatClientsGet() throws Exception {
        Files.writeString(root.resolve("boot/undionly.kpxe"), "ipxe");
        ConfiguredBootPolicy policy = policy(Map.of(ClientArch.EFI_ARM64, "http://10.0.0.9/arm.efi"), "boot/boot.ipxe");

        assertThat(policy.startupWarnings()).containsExactly(
                "boot files missing from " + root + ": boot/ipxe-ia32.efi (IA32 UEFI), boot/ipxe.efi (x64 UEFI,"
                        + " x64 UEFI HTTP), boot/ipxe-arm64.efi (ARM64 UEFI HTTP) — those clients are told that name and"
                        + " fail to boot; copy the bootloaders there (Debian: /usr/lib/ipxe/ from the ipxe package) or"
                        + " choose others with --dhcp-boot-file",
                "the iPXE script boot/boot.ipxe is missing from " + root + ": iPXE clients get " + BASE
                        + "/boot/boot.ipxe and stop with 'not found' — write a script there (#!ipxe, then"
                        + " kernel/initrd/boot lines) or choose another with --ipxe-script");

        for (String file : new String[] {"ipxe-ia32.efi", "ipxe.efi", "ipxe-arm64.efi", "boot.ipxe"}) {
            Files.writeString(root.resolve("boot/" + file), "x");
        }
        assertThat(policy.startupWarnings()).isEmpty();
    }
}
