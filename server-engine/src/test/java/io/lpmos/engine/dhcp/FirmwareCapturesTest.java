package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.boot.StaticBootPolicy;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests of real PXE firmware, recorded from QEMU in a namespace: SeaBIOS with the iPXE ROM
 * ({@code ipxe-bios.pcap}) and OVMF, whose iPXE SNP driver asks first and EDK2's PXE client after it
 * ({@code ovmf.pcap}). The parser reads them, and the server answers each with what its kind boots.
 */
class FirmwareCapturesTest {
    private static final StaticBootPolicy POLICY = new StaticBootPolicy(Map.of(
            ClientArch.BIOS, "boot/undionly.kpxe", ClientArch.EFI_X64, "boot/ipxe.efi"),
            "http://10.72.0.1:8081/boot/boot.ipxe");

    @TempDir
    Path state;

    /** The firmware's requests (the captures also hold our own probe, sent from the server's MAC). */
    private static List<DhcpPacket> firmwareRequests(String capture) throws Exception {
        List<DhcpPacket> requests = new ArrayList<>();
        for (byte[] bytes : Captures.requests(capture)) {
            DhcpPacket packet = DhcpPacket.parse(bytes, 0, bytes.length);
            if (packet.macText().startsWith("52:54:00:72")) {
                requests.add(packet);
            }
        }
        return requests;
    }

    @Test
    void iPxeInSeaBiosSaysItIsIpxe() throws Exception {
        DhcpPacket discover = firmwareRequests("ipxe-bios.pcap").get(0);

        assertThat(discover.messageType()).isEqualTo(DhcpMessage.DISCOVER);
        assertThat(discover.options().getString(DhcpOptionCodes.VENDOR_CLASS)).isEqualTo("PXEClient:Arch:00000:UNDI:002001");
        assertThat(discover.options().getShort(DhcpOptionCodes.CLIENT_ARCH)).isZero();
        assertThat(discover.options().getString(DhcpOptionCodes.USER_CLASS)).isEqualTo("iPXE");
        assertThat(discover.options().get(DhcpOptionCodes.IPXE_ENCAPSULATED)).isNotEmpty();
        assertThat(discover.options().get(DhcpOptionCodes.CLIENT_UUID)).hasSize(17);
    }

    @Test
    void ovmfHasAnIpxeAndAnEdk2PxeClient() throws Exception {
        List<DhcpPacket> requests = firmwareRequests("ovmf.pcap");
        DhcpPacket ipxe = requests.stream().filter(p -> p.options().has(DhcpOptionCodes.IPXE_ENCAPSULATED)).findFirst()
                .orElseThrow();
        DhcpPacket edk2 = requests.stream().filter(p -> !p.options().has(DhcpOptionCodes.IPXE_ENCAPSULATED)).findFirst()
                .orElseThrow();

        assertThat(ipxe.options().getString(DhcpOptionCodes.VENDOR_CLASS)).startsWith("PXEClient:Arch:00007:UNDI:");
        assertThat(ipxe.options().getShort(DhcpOptionCodes.CLIENT_ARCH)).isEqualTo(7);
        assertThat(edk2.messageType()).isEqualTo(DhcpMessage.DISCOVER);
        assertThat(edk2.options().getString(DhcpOptionCodes.VENDOR_CLASS)).startsWith("PXEClient:Arch:00007:UNDI:");
        assertThat(edk2.options().getShort(DhcpOptionCodes.CLIENT_ARCH)).isEqualTo(7);
        assertThat(edk2.options().has(DhcpOptionCodes.USER_CLASS)).isFalse();
        assertThat(edk2.options().get(DhcpOptionCodes.PARAMETER_REQUEST_LIST)).contains(43, 60, 66, 67);
    }

    @Test
    void eachFirmwareGetsWhatItBoots() throws Exception {
        try (ServerHarness server = new ServerHarness(DhcpMode.PROXY, POLICY, state,
                Ipv4Range.parse("10.0.0.100-10.0.0.110"), List.of())) {
            DhcpPacket bios = firmwareRequests("ipxe-bios.pcap").get(0);
            List<DhcpPacket> ovmf = firmwareRequests("ovmf.pcap");
            DhcpPacket ovmfIpxe = ovmf.stream().filter(p -> p.options().has(DhcpOptionCodes.IPXE_ENCAPSULATED))
                    .findFirst().orElseThrow();
            DhcpPacket edk2 = ovmf.stream().filter(p -> !p.options().has(DhcpOptionCodes.IPXE_ENCAPSULATED)
                    && p.messageType() == DhcpMessage.DISCOVER).findFirst().orElseThrow();

            server.receive(bios);
            assertThat(server.reply().packet().fileName()).isEqualTo("http://10.72.0.1:8081/boot/boot.ipxe");
            server.receive(ovmfIpxe);
            assertThat(server.reply().packet().fileName()).isEqualTo("http://10.72.0.1:8081/boot/boot.ipxe");
            server.receive(edk2);
            DhcpPacket answer = server.reply().packet();
            assertThat(answer.fileName()).isEqualTo("boot/ipxe.efi");
            assertThat(answer.options().get(DhcpOptionCodes.CLIENT_UUID)).isEqualTo(edk2.options().get(DhcpOptionCodes.CLIENT_UUID));
        }
    }
}
