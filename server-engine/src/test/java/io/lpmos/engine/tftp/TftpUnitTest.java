package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.events.TftpTransfer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option negotiation, request parsing, block production and the log line, without sockets. */
class TftpUnitTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4321);

    @TempDir
    Path dir;

    private static Map<String, String> options(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void negotiationClampsBlockAndWindowToTheLimitsAndKeepsTheClientsTimeout() {
        OptionNegotiation.Negotiated n = OptionNegotiation.negotiate(
                options("blksize", "65464", "windowsize", "64", "timeout", "5", "tsize", "0"),
                TftpRequest.Mode.OCTET, 12345, 1468, 16, 1000);

        assertThat(n.blockSize()).isEqualTo(1468);
        assertThat(n.windowSize()).isEqualTo(16);
        assertThat(n.timeoutMillis()).isEqualTo(5000);
        assertThat(n.oack()).containsExactly(Map.entry("blksize", "1468"), Map.entry("windowsize", "16"),
                Map.entry("timeout", "5"), Map.entry("tsize", "12345"));
        assertThat(n.agreed()).isEqualTo(new TftpTransfer.Options(1468, 16, 5, true));
    }

    @Test
    void aWindowOfLargeBlocksIsCutToWhatAReceiveBufferHolds() {
        OptionNegotiation.Negotiated big = OptionNegotiation.negotiate(options("windowsize", "4", "blksize", "65464"),
                TftpRequest.Mode.OCTET, 1 << 26, 65464, 65535, 1000);
        assertThat(big.windowSize()).as("three 64 KiB datagrams fit Linux's default 208 KiB buffer").isEqualTo(3);
        assertThat(big.oack()).containsEntry("windowsize", "3").containsEntry("blksize", "65464");

        assertThat(OptionNegotiation.negotiate(options("blksize", "1468", "windowsize", "64"), TftpRequest.Mode.OCTET,
                1 << 26, 1468, 65535, 1000).windowSize()).isEqualTo(64);
        assertThat(OptionNegotiation.negotiate(options("blksize", "1468", "windowsize", "65535"),
                TftpRequest.Mode.OCTET, 1 << 26, 1468, 65535, 1000).windowSize()).isEqualTo(82);
    }

    @Test
    void negotiationLeavesOutWhatIsOutOfRangeUnknownOrNotANumber() {
        OptionNegotiation.Negotiated n = OptionNegotiation.negotiate(
                options("blksize", "7", "windowsize", "65536", "timeout", "0", "tsize", "-1", "multicast", "x",
                        "blksize2", "9"), TftpRequest.Mode.OCTET, 10, 65464, 65535, 1000);

        assertThat(n.sendsOack()).isFalse();
        assertThat(n.blockSize()).isEqualTo(512);
        assertThat(n.windowSize()).isEqualTo(1);
        assertThat(n.timeoutMillis()).isEqualTo(1000);
        assertThat(n.agreed()).isEqualTo(TftpTransfer.Options.NONE);
    }

    @Test
    void tsizeIsAnsweredForNonEmptyOctetFilesOnly() {
        assertThat(OptionNegotiation.negotiate(options("tsize", "0"), TftpRequest.Mode.NETASCII, 10, 512, 1, 1000)
                .sendsOack()).isFalse();
        assertThat(OptionNegotiation.negotiate(options("tsize", "0"), TftpRequest.Mode.OCTET, 0, 512, 1, 1000)
                .sendsOack()).as("curl refuses tsize=0").isFalse();
        assertThat(OptionNegotiation.negotiate(options("tsize", "0"), TftpRequest.Mode.OCTET, 1, 512, 1, 1000)
                .oack()).containsExactly(Map.entry("tsize", "1"));
    }

    @Test
    void requestParsingLowerCasesOptionsAndReadsUtf8Names() throws Exception {
        byte[] wire = TftpTestClient.request(1, "boot/grüb.efi", "OCTET", "BLKSIZE", "1468", "TSize", "0");

        TftpRequest request = TftpRequest.parse(wire, wire.length, CLIENT);

        assertThat(request.write()).isFalse();
        assertThat(request.filename()).isEqualTo("boot/grüb.efi");
        assertThat(request.mode()).isEqualTo(TftpRequest.Mode.OCTET);
        assertThat(request.options()).containsEntry("blksize", "1468").containsEntry("tsize", "0");
        assertThat(request.sameAs(TftpRequest.parse(wire, wire.length, CLIENT))).isTrue();
    }

    @Test
    void requestParsingRefusesMailModeAndTruncatedOptions() {
        byte[] mail = TftpTestClient.request(1, "x", "mail");
        assertThatThrownBy(() -> TftpRequest.parse(mail, mail.length, CLIENT))
                .isInstanceOf(TftpRequest.MalformedRequest.class).hasMessageContaining("mail");
        byte[] truncated = "\0\1x\0octet\0blksize".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TftpRequest.parse(truncated, truncated.length, CLIENT))
                .isInstanceOf(TftpRequest.MalformedRequest.class);
    }

    @Test
    void netasciiBlocksCanBeReadAgainFromAnyBlockOfTheWindow() throws Exception {
        Path text = Files.writeString(dir.resolve("menu.cfg"), "ab\ncd\r\n\n\nxyz\r");
        try (FileChannel file = FileChannel.open(text)) {
            BlockSource blocks = BlockSource.of(TftpRequest.Mode.NETASCII, file, Files.size(text), 4, 2);
            ByteBuffer out = ByteBuffer.allocate(4);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            String[] first = new String[8];
            for (int block = 1; block <= 8; block++) {
                out.clear();
                int n = blocks.read(block, out);
                first[block - 1] = new String(out.array(), 0, n, StandardCharsets.ISO_8859_1);
                all.write(out.array(), 0, n);
                if (block % 2 == 0 && block < 6) {
                    out.clear();
                    int again = blocks.read(block - 1, out);
                    assertThat(new String(out.array(), 0, again, StandardCharsets.ISO_8859_1))
                            .as("block %d again", block - 1).isEqualTo(first[block - 2]);
                    out.clear();
                    blocks.read(block, out);
                }
                if (n < 4) {
                    break;
                }
            }
            assertThat(all.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ab\r\ncd\r\0\r\n\r\n\r\nxyz\r\0");
        }
    }

    @Test
    void octetBlocksComeFromTheReadAheadOrStraightFromTheFile() throws Exception {
        byte[] data = new byte[200_000];
        new java.util.Random(3).nextBytes(data);
        Path file = Files.write(dir.resolve("data.bin"), data);
        for (int blockSize : new int[] {512, 8192, 65464}) {
            try (FileChannel channel = FileChannel.open(file)) {
                BlockSource blocks = BlockSource.of(TftpRequest.Mode.OCTET, channel, data.length, blockSize, 4);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer out = ByteBuffer.allocateDirect(blockSize);
                byte[] copy = new byte[blockSize];
                for (long block = 1; ; block++) {
                    out.clear();
                    int n = blocks.read(block, out);
                    out.flip().get(copy, 0, n);
                    all.write(copy, 0, n);
                    if (n < blockSize) {
                        break;
                    }
                }
                assertThat(all.toByteArray()).as("blksize %d", blockSize).isEqualTo(data);
            }
        }
    }

    @Test
    void logLinesLookLikeTheGinLinesBesideThem() {
        TftpLogFormat format = new TftpLogFormat(ZoneOffset.UTC);
        Instant time = Instant.parse("2026-02-04T14:00:01Z");

        assertThat(format.format(new TftpTransfer(time, 1, "192.168.246.150", 2070, "boot/ipxe.efi", "octet",
                new TftpTransfer.Options(1468, 4, 0, true), 1048576, 1048576, Duration.ofNanos(52_345_678),
                TftpTransfer.Outcome.COMPLETE, 0, ""))).isEqualTo("[TFTP] 2026/02/04 - 14:00:01 | complete  |"
                + "   52.345678ms | 192.168.246.150 |    1048576 | \"boot/ipxe.efi\" blksize=1468 windowsize=4 tsize");
        assertThat(format.format(new TftpTransfer(time, 2, "10.0.0.7", 2071, "boot/nope.efi", "octet",
                TftpTransfer.Options.NONE, 0, -1, Duration.ofNanos(81_203), TftpTransfer.Outcome.ERROR, 1,
                "File not found"))).isEqualTo("[TFTP] 2026/02/04 - 14:00:01 | error 1   |      81.203µs |"
                + "        10.0.0.7 |          0 | \"boot/nope.efi\" — File not found");
        assertThat(format.format(new TftpTransfer(time, 3, "10.0.0.7", 2072, "boot/shim.efi", "octet",
                new TftpTransfer.Options(1468, 1, 0, true), 0, 900, Duration.ofMillis(2),
                TftpTransfer.Outcome.ABORTED_BY_CLIENT, 8, "client sent error 8: User aborted the transfer")))
                .isEqualTo("[TFTP] 2026/02/04 - 14:00:01 | aborted 8 |           2ms |        10.0.0.7 |"
                        + "          0 | \"boot/shim.efi\" blksize=1468 tsize — client sent error 8: User aborted the transfer");
        assertThat(TftpLogFormat.outcome(new TftpTransfer(time, 4, "10.0.0.7", 1, "x", "octet",
                TftpTransfer.Options.NONE, 0, 1, Duration.ofSeconds(6), TftpTransfer.Outcome.TIMED_OUT, 0, "gone")))
                .isEqualTo("timed out");
    }

    @Test
    void loopbackClientsGetTheLargestBlockAndOthersTheLinkMtuBound() throws Exception {
        LinkMtu wildcard = LinkMtu.forBinding(InetAddress.getByAddress(new byte[4]));
        assertThat(wildcard.blockLimitFor(InetAddress.getLoopbackAddress())).isEqualTo(65464);
        assertThat(wildcard.blockLimitFor(InetAddress.getByName("203.0.113.9")))
                .as("a routed client gets what fits Ethernet").isEqualTo(1468);
    }
}
