package io.lpmos.engine.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A virtual machine that boots from the network, for tests with real firmware: QEMU (TCG, no KVM) with
 * an e1000 NIC on a tap device inside a test namespace, either SeaBIOS with the iPXE option ROM of the
 * ipxe-qemu package or OVMF (UEFI, the EDK2 PXE stack over iPXE's SNP driver). It starts paused, so
 * the tap has its link (and DHCP can start on it) before the firmware sends its first DISCOVER;
 * {@link #resume()} lets it run. QEMU runs under the shared CPU lock ({@code flock /tmp/lpmos-bench.lock},
 * waiting at most 10 minutes) and for at most {@code lifetime}; the serial console goes to a file.
 */
public final class QemuPxe implements AutoCloseable {
    /** Which firmware the machine has. */
    public enum Firmware { BIOS, UEFI }

    public static final String QEMU = "qemu-system-x86_64";
    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    private static final String CPU_LOCK = "/tmp/lpmos-bench.lock";

    private final ChildProcess qemu;
    private final Path qmp;
    private final Path serial;

    private QemuPxe(ChildProcess qemu, Path qmp, Path serial) {
        this.qemu = qemu;
        this.qmp = qmp;
        this.serial = serial;
    }

    /** Why such a machine cannot run here (QEMU or OVMF missing), or null when it can. */
    public static String unavailableReason(Firmware firmware) {
        if (!ExternalCommand.installed(QEMU, "--version")) {
            return QEMU + " is not installed (Debian: qemu-system-x86 ipxe-qemu)";
        }
        if (firmware == Firmware.UEFI && (!Files.isReadable(OVMF_CODE) || !Files.isReadable(OVMF_VARS))) {
            return "OVMF is not installed (Debian: ovmf): " + OVMF_CODE + " missing";
        }
        return null;
    }

    /**
     * Starts the machine paused on {@code tap} (in {@code ns}) with hardware address {@code mac}.
     *
     * @param dir where the QMP socket, the serial log and UEFI variables go
     */
    public static QemuPxe startPaused(NetnsLab lab, String ns, String tap, Firmware firmware, String mac, Path dir,
                                      Duration lifetime) throws IOException, InterruptedException {
        Path qmp = dir.resolve("qmp.sock");
        Path serial = dir.resolve("serial.log");
        List<String> command = new ArrayList<>(List.of("flock", "-w", "600", CPU_LOCK, "timeout",
                String.valueOf(lifetime.toSeconds()), QEMU, "-accel", "tcg", "-m", "256", "-nographic", "-nodefaults",
                "-S", "-qmp", "unix:" + qmp + ",server=on,wait=off", "-serial", "file:" + serial,
                "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", "e1000,netdev=n0,mac=" + mac));
        if (firmware == Firmware.UEFI) {
            Path vars = dir.resolve("OVMF_VARS.fd");
            Files.copy(OVMF_VARS, vars);
            command.addAll(List.of("-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,file=" + vars));
        } else {
            command.addAll(List.of("-boot", "n"));
        }
        ChildProcess qemu = lab.start(ns, command, Map.of());
        long deadline = System.nanoTime() + Duration.ofMinutes(11).toNanos();
        while (!Files.exists(qmp)) {
            if (!qemu.process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("QEMU did not start: " + qemu.err);
            }
            Thread.sleep(50);
        }
        return new QemuPxe(qemu, qmp, serial);
    }

    /** Lets the paused machine run (QMP {@code cont}). */
    public void resume() throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(qmp));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
            in.readLine();
            for (String command : new String[] {"{\"execute\":\"qmp_capabilities\"}", "{\"execute\":\"cont\"}"}) {
                out.write(command + "\n");
                out.flush();
                String answer = in.readLine();
                while (answer != null && answer.contains("\"event\"")) {
                    answer = in.readLine();
                }
                if (answer == null || !answer.contains("\"return\"")) {
                    throw new IOException("QEMU refused " + command + ": " + answer);
                }
            }
        }
    }

    /** What the firmware printed on the serial console so far. */
    public String serial() throws IOException {
        return Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
    }

    /** Stops the machine (and the lock holder around it). */
    @Override
    public void close() throws InterruptedException {
        qemu.kill();
    }
}
