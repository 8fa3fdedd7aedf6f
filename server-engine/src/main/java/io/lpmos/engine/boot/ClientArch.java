package io.lpmos.engine.boot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client system architectures a network boot answer depends on: DHCP option 93 (RFC 4578, IANA
 * "Processor Architecture Types"), or the {@code Arch:} field of a {@code PXEClient} vendor class.
 * Each has the boot files tried by default, as paths in the boot tree (TFTP serves the tree's root,
 * HTTP serves {@code /boot/} and {@code /static/}), in order of preference.
 */
public enum ClientArch {
    BIOS("bios", "BIOS", false, "boot/undionly.kpxe", "boot/pxelinux.0"),
    EFI_IA32("efi-ia32", "IA32 UEFI", false, "boot/ipxe-ia32.efi", "boot/bootia32.efi"),
    EFI_X64("efi-x64", "x64 UEFI", false, "boot/ipxe.efi", "boot/snponly.efi", "boot/grubnetx64.efi", "boot/shimx64.efi"),
    EFI_ARM64("efi-arm64", "ARM64 UEFI", false, "boot/ipxe-arm64.efi", "boot/grubnetaa64.efi", "boot/shimaa64.efi"),
    EFI_X64_HTTP("efi-x64-http", "x64 UEFI HTTP", true, "boot/ipxe.efi", "boot/snponly.efi", "boot/grubnetx64.efi",
            "boot/shimx64.efi"),
    EFI_ARM64_HTTP("efi-arm64-http", "ARM64 UEFI HTTP", true, "boot/ipxe-arm64.efi", "boot/grubnetaa64.efi",
            "boot/shimaa64.efi");

    private final String flagValue;
    private final String label;
    private final boolean httpBoot;
    private final List<String> defaultFiles;

    ClientArch(String flagValue, String label, boolean httpBoot, String... defaultFiles) {
        this.flagValue = flagValue;
        this.label = label;
        this.httpBoot = httpBoot;
        this.defaultFiles = List.of(defaultFiles);
    }

    /**
     * The architecture of an option 93 / {@code Arch:} code: 0 BIOS, 6 IA32 UEFI, 7 and 9 x64 UEFI,
     * 0x0b ARM64 UEFI, 0x10 x64 UEFI HTTP boot, 0x13 ARM64 UEFI HTTP boot; empty for any other.
     */
    public static Optional<ClientArch> ofCode(int code) {
        return Optional.ofNullable(switch (code) {
            case 0 -> BIOS;
            case 6 -> EFI_IA32;
            case 7, 9 -> EFI_X64;
            case 0x0b -> EFI_ARM64;
            case 0x10 -> EFI_X64_HTTP;
            case 0x13 -> EFI_ARM64_HTTP;
            default -> null;
        });
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ClientArch parse(String text) {
        for (ClientArch arch : values()) {
            if (arch.flagValue.equalsIgnoreCase(text.strip())) {
                return arch;
            }
        }
        throw new IllegalArgumentException("client architecture '" + text + "' is not one of "
                + String.join(", ", List.of(values()).stream().map(ClientArch::flagValue).toList()));
    }

    /** As flags and settings spell it: {@code bios}, {@code efi-x64}, ... */
    public String flagValue() {
        return flagValue;
    }

    /** As the live log shows it: {@code BIOS}, {@code x64 UEFI}, ... */
    public String label() {
        return label;
    }

    /** UEFI HTTP boot: the boot file is an {@code http://} URL and the answer says {@code HTTPClient}. */
    public boolean httpBoot() {
        return httpBoot;
    }

    /** Boot files tried when none is configured, first existing one wins. */
    public List<String> defaultFiles() {
        return defaultFiles;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
