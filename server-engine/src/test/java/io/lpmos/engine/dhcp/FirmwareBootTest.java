package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmos.engine.testing.ChildProcess;
import io.lpmos.engine.testing.NetnsLab;
import io.lpmos.engine.testing.QemuPxe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real firmware against our DHCP (full mode) in a namespace, QEMU on a tap device: SeaBIOS with the
 * iPXE ROM gets the iPXE script's URL, fetches it over our HTTP and the kernel it names; OVMF's own PXE
 * client gets {@code boot/ipxe.efi}, loads it (Debian's real iPXE) over our TFTP, and that iPXE asks our
 * DHCP again, gets the script's URL instead of itself and fetches script and kernel over our HTTP. Each
 * boot is bounded in time.
 */
class FirmwareBootTest {
    private static final Duration BOOT_WAIT = Duration.ofSeconds(150);
    /** iPXE for x64 UEFI from Debian's ipxe package (a link to /boot/ipxe.efi). */
    private static final Path IPXE_EFI = Path.of("/usr/lib/ipxe/ipxe.efi");

    @TempDir
    Path tmp;

    private NetnsLab lab;
    private Path root;
    private QemuPxe machine;

    @BeforeAll
    static void needsNamespaces() {
        String reason = NetnsLab.unavailableReason();
        assumeTrue(reason == null, reason);
    }

    @BeforeEach
    void tree() throws Exception {
        lab = new NetnsLab();
        root = tmp.resolve("tftpboot");
        Files.createDirectories(root.resolve("boot"));
        Files.createDirectories(root.resolve("static/kernels"));
        byte[] kernel = new byte[1 << 20];
        new Random(1).nextBytes(kernel);
        Files.write(root.resolve("static/kernels/vmlinuz-test"), kernel);
        Files.writeString(root.resolve("boot/boot.ipxe"), "#!ipxe\necho LPMOS test script\n"
                + "kernel ../static/kernels/vmlinuz-test\nboot\n", StandardCharsets.US_ASCII);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (machine != null) {
            machine.close();
        }
        lab.close();
    }

    /** The server in full mode on a tap with the machine (paused) on it; the machine runs once DHCP is up. */
    private ChildProcess bootOnTap(QemuPxe.Firmware firmware, String mac, String... extraFlags) throws Exception {
        String reason = QemuPxe.unavailableReason(firmware);
        assumeTrue(reason == null, reason);
        assumeTrue(firmware != QemuPxe.Firmware.UEFI || Files.isReadable(IPXE_EFI),
                IPXE_EFI + " is not installed (Debian: ipxe)");
        String srv = lab.namespace("srv");
        String tap = lab.tap(srv, "tap", "10.72.0.1/24");
        Path vm = Files.createDirectories(tmp.resolve("vm"));
        machine = QemuPxe.startPaused(lab, srv, tap, firmware, mac, vm, BOOT_WAIT.plusSeconds(30));
        List<String> flags = new ArrayList<>(List.of("--enable-dhcp", "--dhcp-mode=full", "--interface=" + tap,
                "--dhcp-range=10.72.0.100-10.72.0.150", "--dhcp-conflict-check=off"));
        flags.addAll(List.of(extraFlags));
        ChildProcess server = NamespaceDhcp.startServer(lab, srv, root, tmp.resolve("state"), flags.toArray(String[]::new));
        NamespaceDhcp.awaitDhcp(server, "full", tap);
        machine.resume();
        return server;
    }

    private static String await(ChildProcess server, Pattern line, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String printed : List.copyOf(server.out)) {
                if (line.matcher(printed).matches()) {
                    return printed;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line " + what + " within " + BOOT_WAIT + "; stdout=" + server.out);
    }

    @Test
    void biosIpxeChainsTheScriptAndFetchesTheKernelOverOurHttp() throws Exception {
        ChildProcess server = bootOnTap(QemuPxe.Firmware.BIOS, "52:54:00:72:00:01");

        await(server, Pattern.compile("\\[DHCP] .* \\| REQUEST/ACK +\\| 52:54:00:72:00:01 \\| BIOS +\\| 10\\.72\\.0\\.1\\d\\d"
                + " until .* → http://10\\.72\\.0\\.1:\\d+/boot/boot\\.ipxe"), "acknowledging iPXE with the script URL");
        await(server, Pattern.compile("\\[GIN] .* \\| 200 \\| .* \\| +10\\.72\\.0\\.1\\d\\d \\| GET +\"/boot/boot\\.ipxe\""),
                "serving the script");
        await(server, Pattern.compile("\\[GIN] .* \\| 200 \\| .* \\| +10\\.72\\.0\\.1\\d\\d \\| GET +\"/static/kernels/vmlinuz-test\""),
                "serving the kernel");
        assertThat(machine.serial()).contains("LPMOS test script");
    }

    @Test
    void uefiFirmwareLoadsIpxeOverOurTftpWhichChainsTheScriptAndKernelOverOurHttp() throws Exception {
        Path ipxeEfi = IPXE_EFI.toRealPath();
        Files.copy(ipxeEfi, root.resolve("boot/ipxe.efi"));
        long size = Files.size(ipxeEfi);
        ChildProcess server = bootOnTap(QemuPxe.Firmware.UEFI, "52:54:00:72:00:02", "--enable-tftp");

        await(server, Pattern.compile("\\[DHCP] .* \\| REQUEST/ACK +\\| 52:54:00:72:00:02 \\| x64 UEFI +\\| 10\\.72\\.0\\.1\\d\\d"
                + " until .* → boot/ipxe\\.efi"), "acknowledging the UEFI PXE client with boot/ipxe.efi");
        await(server, Pattern.compile("\\[TFTP] .* \\| complete +\\| .* \\| +10\\.72\\.0\\.1\\d\\d \\| +" + size
                + " \\| \"boot/ipxe\\.efi\".*"), "sending the whole of boot/ipxe.efi over TFTP");
        await(server, Pattern.compile("\\[DHCP] .* \\| REQUEST/ACK +\\| 52:54:00:72:00:02 \\| x64 UEFI +\\| 10\\.72\\.0\\.1\\d\\d"
                + " until .* → http://10\\.72\\.0\\.1:\\d+/boot/boot\\.ipxe"), "acknowledging the iPXE it loaded with the script URL");
        await(server, Pattern.compile("\\[GIN] .* \\| 200 \\| .* \\| +10\\.72\\.0\\.1\\d\\d \\| GET +\"/boot/boot\\.ipxe\""),
                "serving the script");
        await(server, Pattern.compile("\\[GIN] .* \\| 200 \\| .* \\| +10\\.72\\.0\\.1\\d\\d \\| GET +\"/static/kernels/vmlinuz-test\""),
                "serving the kernel");
        assertThat(machine.serial()).contains("NBP filename is boot/ipxe.efi");
    }
}
