package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DhcpPacketTest {
    private static final byte[] MAC = {(byte) 0x96, (byte) 0xf4, 0x32, 0x03, 0x79, 0x7b};

    static List<Integer> codes(DhcpOptions options) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            codes.add(options.codeAt(i));
        }
        return codes;
    }

    /** A BOOTREQUEST header and magic cookie followed by {@code options} as given, byte for byte. */
    static byte[] raw(int... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[DhcpPacket.HEADER_LENGTH];
        header[0] = 1;
        header[1] = 1;
        header[2] = 6;
        header[4] = 0x12;
        header[5] = 0x34;
        System.arraycopy(MAC, 0, header, 28, 6);
        header[236] = 0x63;
        header[237] = (byte) 0x82;
        header[238] = 0x53;
        header[239] = 0x63;
        out.writeBytes(header);
        for (int b : options) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static DhcpPacket parse(byte[] bytes) throws MalformedPacketException {
        return DhcpPacket.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsBusyboxUdhcpcKeepingEveryOptionInOrder() throws Exception {
        List<byte[]> requests = Captures.requests("udhcpc.pcap");
        DhcpPacket discover = parse(requests.get(0));

        assertThat(discover.messageType()).isEqualTo(DhcpMessage.DISCOVER);
        assertThat(discover.op()).isEqualTo(DhcpPacket.BOOTREQUEST);
        assertThat(discover.macText()).isEqualTo("96:f4:32:03:79:7b");
        assertThat(discover.xid()).isEqualTo(0x8d1b4c4f);
        assertThat(codes(discover.options())).containsExactly(53, 57, 55, 12, 60, 61);
        assertThat(discover.options().getShort(DhcpOptionCodes.MAX_MESSAGE_SIZE)).isEqualTo(576);
        assertThat(discover.options().get(DhcpOptionCodes.PARAMETER_REQUEST_LIST)).containsExactly(1, 3, 6, 12, 15, 28, 42);
        assertThat(discover.options().getString(DhcpOptionCodes.HOST_NAME)).isEqualTo("udhcpc-host");
        assertThat(discover.options().getString(DhcpOptionCodes.VENDOR_CLASS)).isEqualTo("udhcp 1.35.0");
        assertThat(discover.options().get(DhcpOptionCodes.CLIENT_ID)).containsExactly(1, 0x96, 0xf4, 0x32, 0x03, 0x79, 0x7b);

        DhcpPacket request = parse(requests.get(1));
        assertThat(request.messageType()).isEqualTo(DhcpMessage.REQUEST);
        assertThat(Ipv4.format(request.options().getInt(DhcpOptionCodes.REQUESTED_ADDRESS, 0))).isEqualTo("10.77.0.100");
        assertThat(Ipv4.format(request.options().getInt(DhcpOptionCodes.SERVER_ID, 0))).isEqualTo("10.77.0.1");
    }

    @Test
    void readsIscDhclient() throws Exception {
        List<byte[]> requests = Captures.requests("dhclient.pcap");
        DhcpPacket discover = parse(requests.get(0));

        assertThat(discover.messageType()).isEqualTo(DhcpMessage.DISCOVER);
        assertThat(codes(discover.options())).containsExactly(53, 12, 55);
        assertThat(discover.options().get(DhcpOptionCodes.PARAMETER_REQUEST_LIST))
                .containsExactly(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42);
        DhcpPacket request = parse(requests.get(1));
        assertThat(codes(request.options())).containsExactly(53, 54, 50, 12, 55);
    }

    @Test
    void readsDhcpcd() throws Exception {
        List<byte[]> requests = Captures.requests("dhcpcd.pcap");
        DhcpPacket request = parse(requests.get(1));

        assertThat(request.messageType()).isEqualTo(DhcpMessage.REQUEST);
        assertThat(codes(request.options())).containsExactly(50, 53, 54, 55, 57, 60, 12, 145);
        assertThat(request.options().getString(DhcpOptionCodes.VENDOR_CLASS)).startsWith("dhcpcd-9.4.1:Linux");
        assertThat(request.options().getShort(DhcpOptionCodes.MAX_MESSAGE_SIZE)).isEqualTo(1472);
        assertThat(request.options().get(145)).containsExactly(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udhcpc.pcap", "dhclient.pcap", "dhcpcd.pcap"})
    void everyCapturedMessageSurvivesWritingAndReadingBack(String capture) throws Exception {
        for (Captures.Datagram datagram : Captures.read(capture)) {
            DhcpPacket first = parse(datagram.payload());
            byte[] out = new byte[1500];
            int length = first.encode(out, 1500);
            DhcpPacket second = DhcpPacket.parse(out, 0, length);

            assertThat(codes(second.options())).isEqualTo(codes(first.options()));
            for (int code : codes(first.options())) {
                assertThat(second.options().get(code)).as("option %d", code).isEqualTo(first.options().get(code));
            }
            assertThat(second.xid()).isEqualTo(first.xid());
            assertThat(second.yiaddr()).isEqualTo(first.yiaddr());
            assertThat(second.macText()).isEqualTo(first.macText());
            assertThat(length).isGreaterThanOrEqualTo(DhcpPacket.MIN_REPLY_LENGTH);
        }
    }

    @Test
    void anOptionSentInPartsIsOneOptionConcatenatedInOrder() throws Exception {
        DhcpPacket packet = parse(raw(53, 1, 1, 77, 2, 'i', 'P', 12, 1, 'h', 77, 2, 'X', 'E', 255));

        assertThat(codes(packet.options())).containsExactly(53, 77, 12);
        assertThat(packet.options().getString(DhcpOptionCodes.USER_CLASS)).isEqualTo("iPXE");
    }

    @Test
    void aLongOptionIsWrittenInPartsOf255AndReadBackWhole() throws Exception {
        byte[] value = new byte[600];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        DhcpPacket packet = DhcpPacket.request(MAC, 7).messageType(DhcpMessage.DISCOVER);
        packet.options().put(43, value).putString(DhcpOptionCodes.HOST_NAME, "after");
        byte[] out = new byte[1500];
        int length = packet.encode(out, 1500);

        assertThat(out[243]).isEqualTo((byte) 43);
        assertThat(out[244] & 0xff).isEqualTo(255);
        assertThat(out[243 + 257]).isEqualTo((byte) 43);
        assertThat(out[243 + 514]).isEqualTo((byte) 43);
        assertThat(out[243 + 515] & 0xff).isEqualTo(90);
        DhcpPacket back = DhcpPacket.parse(out, 0, length);
        assertThat(back.options().get(43)).isEqualTo(value);
        assertThat(codes(back.options())).containsExactly(53, 43, 12);
    }

    @Test
    void optionsOverloadedIntoFileAndSnameAreRead() throws Exception {
        byte[] bytes = raw(53, 1, 3, 52, 1, 3, 255);
        byte[] file = {12, 4, 'n', 'o', 'd', 'e', (byte) 255};
        byte[] sname = {15, 3, 'l', 'a', 'b', (byte) 255};
        System.arraycopy(file, 0, bytes, 108, file.length);
        System.arraycopy(sname, 0, bytes, 44, sname.length);

        DhcpPacket packet = parse(bytes);

        assertThat(codes(packet.options())).containsExactly(53, 52, 12, 15);
        assertThat(packet.options().getString(DhcpOptionCodes.HOST_NAME)).isEqualTo("node");
        assertThat(packet.options().getString(DhcpOptionCodes.DOMAIN_NAME)).isEqualTo("lab");
        assertThat(packet.fileName()).isEmpty();
        assertThat(packet.serverName()).isEmpty();
    }

    @Test
    void optionsThatDoNotFitGoToTheFileAndSnameFields() throws Exception {
        DhcpPacket packet = DhcpPacket.request(MAC, 9).messageType(DhcpMessage.OFFER);
        List<Integer> written = new ArrayList<>(List.of(53));
        for (int code = 200; code < 205; code++) {
            byte[] value = new byte[40];
            Arrays.fill(value, (byte) code);
            packet.options().put(code, value);
            written.add(code);
        }
        byte[] out = new byte[576];

        int length = packet.encode(out, 300);

        assertThat(length).isEqualTo(DhcpPacket.MIN_REPLY_LENGTH);
        DhcpPacket back = DhcpPacket.parse(out, 0, length);
        assertThat(back.options().getByte(DhcpOptionCodes.OVERLOAD)).isEqualTo(3);
        List<Integer> read = codes(back.options());
        read.remove(Integer.valueOf(DhcpOptionCodes.OVERLOAD));
        assertThat(read).isEqualTo(written);
        for (int code = 200; code < 205; code++) {
            assertThat(back.options().get(code)).hasSize(40).containsOnly((byte) code);
        }
    }

    @Test
    void aMissingEndOptionAndTrailingNulsAreTolerated() throws Exception {
        DhcpPacket packet = parse(raw(53, 1, 1, 60, 11, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't', 0, 0));

        assertThat(packet.options().getString(DhcpOptionCodes.VENDOR_CLASS)).isEqualTo("PXEClient");
        assertThat(packet.options().startsWith(DhcpOptionCodes.VENDOR_CLASS, "PXEClient")).isTrue();
    }

    @Test
    void aBootFileTooLongForTheFileFieldGoesInOption67Only() {
        DhcpPacket packet = DhcpPacket.request(MAC, 1);
        packet.fileName("a".repeat(127));
        assertThat(packet.fileName()).hasSize(127);
        packet.fileName("a".repeat(128));
        assertThat(packet.fileName()).isEmpty();
    }

    @Test
    void truncatedPacketsAreMalformed() {
        byte[] bytes = Arrays.copyOf(raw(53, 1, 1, 255), 239);
        assertMalformed(bytes, MalformedPacketException.Reason.TRUNCATED);
    }

    @Test
    void aWrongMagicCookieIsMalformed() {
        byte[] bytes = raw(53, 1, 1, 255);
        bytes[239] = 0x64;
        assertMalformed(bytes, MalformedPacketException.Reason.BAD_MAGIC);
    }

    @Test
    void anOptionLengthPastTheEndIsMalformed() {
        assertMalformed(raw(53, 1, 1, 12, 40, 'a', 'b'), MalformedPacketException.Reason.OPTION_OVERRUN);
        assertMalformed(raw(53, 1, 1, 12), MalformedPacketException.Reason.OPTION_OVERRUN);
    }

    @Test
    void aHugeParameterRequestListIsMalformed() {
        List<Integer> options = new ArrayList<>(List.of(53, 1, 1));
        for (int part = 0; part < 2; part++) {
            options.add(55);
            options.add(255);
            for (int j = 0; j < 255; j++) {
                options.add(1 + j % 250);
            }
        }
        byte[] bytes = raw(options.stream().mapToInt(Integer::intValue).toArray());

        assertThatThrownBy(() -> parse(bytes)).isInstanceOfSatisfying(MalformedPacketException.class, e -> {
            assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.OPTION_TOO_LONG);
            assertThat(e.getMessage()).contains("parameter request list of 510 bytes");
        });
    }

    @Test
    void overloadMisuseIsMalformed() {
        byte[] bytes = raw(53, 1, 1, 52, 1, 1, 255);
        byte[] file = {52, 1, 2, (byte) 255};
        System.arraycopy(file, 0, bytes, 108, file.length);
        assertMalformed(bytes, MalformedPacketException.Reason.BAD_OVERLOAD);
        assertMalformed(raw(53, 1, 1, 52, 1, 7, 255), MalformedPacketException.Reason.BAD_OVERLOAD);
    }

    @Test
    void aHardwareAddressLongerThanTheFieldIsMalformed() {
        byte[] bytes = raw(53, 1, 1, 255);
        bytes[2] = 17;
        assertMalformed(bytes, MalformedPacketException.Reason.BAD_HARDWARE_ADDRESS);
    }

    private static void assertMalformed(byte[] bytes, MalformedPacketException.Reason reason) {
        assertThatThrownBy(() -> parse(bytes)).isInstanceOfSatisfying(MalformedPacketException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void stringsKeepEveryByte() {
        DhcpOptions options = new DhcpOptions().put(DhcpOptionCodes.HOST_NAME, "héllo".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(options.getString(DhcpOptionCodes.HOST_NAME)).isEqualTo("héllo");
    }
}
