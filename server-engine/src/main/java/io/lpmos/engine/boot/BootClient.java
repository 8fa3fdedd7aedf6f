package io.lpmos.engine.boot;

/**
 * A client asking to boot, as its DHCP request describes it.
 *
 * @param mac   hardware address, e.g. {@code 52:54:00:12:34:56}
 * @param arch  its architecture (option 93, else the vendor class's {@code Arch:} field, else BIOS)
 * @param ipxe  true when the client is iPXE itself (user class {@code iPXE} or option 175): it gets the
 *              iPXE script instead of iPXE again, so it never loops
 */
public record BootClient(String mac, ClientArch arch, boolean ipxe) {
}
