package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.TftpTransfer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol of the real server, packet by packet, with a client that shows every packet: option
 * negotiation, the UEFI tsize probe, windows, duplicates, strays, timeouts, refusals and events.
 */
class TftpProtocolTest {
    @TempDir
    static Path root;
    static RunningTftp server;
    static byte[] kernel;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        kernel = new byte[300_000];
        new Random(42).nextBytes(kernel);
        Files.write(root.resolve("boot/kernel.bin"), kernel);
        Files.write(root.resolve("boot/empty.bin"), new byte[0]);
        Files.write(root.resolve("boot/block.bin"), new byte[512]);
        Files.writeString(root.resolve("boot/menu.txt"), "line one\nline two\r\nend\n");
        server = RunningTftp.start(root, tftp -> tftp.withTimeoutMillis(1000).withRetries(2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private TftpTestClient client() throws IOException {
        return new TftpTestClient(server.address());
    }

    @Test
    void plainRequestIsServedInLockStepWith512ByteBlocksAndOneEvent() throws Exception {
        try (TftpTestClient client = client()) {
            TftpTestClient.Download download = client.download("boot/kernel.bin");

            assertThat(download.bytes()).isEqualTo(kernel);
            assertThat(download.oack()).isEmpty();
            assertThat(download.dataPackets()).isEqualTo(300_000 / 512 + 1);
            TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == client.localAddress().getPort());
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.COMPLETE);
            assertThat(event.bytes()).isEqualTo(300_000);
            assertThat(event.size()).isEqualTo(300_000);
            assertThat(event.file()).isEqualTo("boot/kernel.bin");
            assertThat(event.mode()).isEqualTo("octet");
            assertThat(event.client()).isEqualTo("127.0.0.1");
            assertThat(event.options()).isEqualTo(TftpTransfer.Options.NONE);
            assertThat(event.duration()).isPositive();
        }
    }

    @Test
    void oackEchoesKnownOptionsWithTheFileSizeAndIgnoresUnknownOnes() throws Exception {
        try (TftpTestClient client = client()) {
            client.readRequest("boot/kernel.bin", "octet", "BlkSize", "1468", "tsize", "0", "timeout", "3",
                    "windowsize", "4", "multicast", "", "rollover", "0");

            TftpTestClient.Packet oack = client.receive();

            assertThat(oack.isOack()).as("%s", oack).isTrue();
            assertThat(oack.options()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    "blksize", "1468", "tsize", "300000", "timeout", "3", "windowsize", "4"));
            client.ack(oack.from(), 0);
            for (int block = 1; block <= 4; block++) {
                TftpTestClient.Packet data = client.receive();
                assertThat(data.block()).isEqualTo(block);
                assertThat(data.data()).hasSize(1468);
            }
            assertThat(client.receive(300)).as("nothing beyond the window before its ACK").isNull();
            client.error(oack.from(), 0, "enough");
            TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == client.localAddress().getPort());
            assertThat(event.options()).isEqualTo(new TftpTransfer.Options(1468, 4, 3, true));
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.ABORTED_BY_CLIENT);
            assertThat(event.bytes()).isZero();
        }
    }

    @Test
    void optionsOutsideTheirRangesAreLeftOutAndAnOversizedBlockIsClamped() throws Exception {
        try (TftpTestClient client = client()) {
            client.readRequest("boot/kernel.bin", "octet", "blksize", "99999", "windowsize", "0", "timeout", "300",
                    "tsize", "abc");

            TftpTestClient.Packet oack = client.receive();

            assertThat(oack.options()).containsExactly(java.util.Map.entry("blksize", "65464"));
            client.error(oack.from(), 8, "bye");
        }
        try (TftpTestClient client = client()) {
            client.readRequest("boot/kernel.bin", "octet", "blksize", "7");

            TftpTestClient.Packet first = client.receive();

            assertThat(first.isData()).as("no acceptable option: no OACK, data at once (%s)", first).isTrue();
            assertThat(first.data()).hasSize(512);
            client.error(first.from(), 0, "bye");
        }
    }

    @Test
    void uefiTsizeProbeThenErrorEightThenTheRealRequest() throws Exception {
        InetSocketAddress tid;
        try (TftpTestClient probe = client()) {
            probe.readRequest("boot/kernel.bin", "octet", "tsize", "0", "blksize", "1468", "windowsize", "4");
            TftpTestClient.Packet oack = probe.receive();
            assertThat(oack.options()).containsEntry("tsize", "300000").containsEntry("blksize", "1468");
            tid = oack.from();
            probe.error(tid, 8, "User aborted the transfer");
            assertThat(probe.receive(500)).as("the server ends quietly after error 8").isNull();
            TftpTransfer probed = server.awaitTransfer(t -> t.clientPort() == probe.localAddress().getPort());
            assertThat(probed.outcome()).isEqualTo(TftpTransfer.Outcome.ABORTED_BY_CLIENT);
            assertThat(probed.errorCode()).isEqualTo(8);
            assertThat(probed.detail()).contains("User aborted the transfer");
        }
        try (TftpTestClient firmware = client()) {
            TftpTestClient.Download download = firmware.download("boot/kernel.bin", "blksize", "1468", "windowsize", "4");

            assertThat(download.bytes()).isEqualTo(kernel);
            assertThat(download.oack()).containsEntry("blksize", "1468").containsEntry("windowsize", "4");
            TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == firmware.localAddress().getPort());
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.COMPLETE);
        }
    }

    @Test
    void zeroFileAndExactBlockFilesEndWithAShortBlock() throws Exception {
        try (TftpTestClient client = client()) {
            TftpTestClient.Download empty = client.download("boot/empty.bin");
            assertThat(empty.bytes()).isEmpty();
            assertThat(empty.dataPackets()).isEqualTo(1);
        }
        try (TftpTestClient client = client()) {
            TftpTestClient.Download exact = client.download("boot/block.bin");
            assertThat(exact.bytes()).hasSize(512);
            assertThat(exact.dataPackets()).as("512 bytes, then an empty block").isEqualTo(2);
        }
    }

    @Test
    void netasciiTurnsLineEndsIntoCrLfAndAnswersNoTsize() throws Exception {
        try (TftpTestClient client = client()) {
            client.readRequest("boot/menu.txt", "netascii", "tsize", "0", "blksize", "8");
            TftpTestClient.Packet oack = client.receive();
            assertThat(oack.options()).containsExactly(java.util.Map.entry("blksize", "8"));
            client.ack(oack.from(), 0);
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            for (int block = 1; ; block++) {
                TftpTestClient.Packet data = client.receive();
                assertThat(data.block()).isEqualTo(block);
                text.writeBytes(data.data());
                client.ack(oack.from(), block);
                if (data.data().length < 8) {
                    break;
                }
            }
            assertThat(text.toString(java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("line one\r\nline two\r\0\r\nend\r\n");
        }
    }

    @Test
    void duplicateAcksNeverCauseASecondCopyOfABlock() throws Exception {
        try (TftpTestClient client = client()) {
            client.readRequest("boot/kernel.bin", "octet");
            TftpTestClient.Packet first = client.receive();
            InetSocketAddress tid = first.from();
            client.ack(tid, 1);
            client.ack(tid, 1);
            client.ack(tid, 1);
            List<Integer> blocks = new ArrayList<>();
            for (TftpTestClient.Packet p = client.receive(400); p != null; p = client.receive(400)) {
                blocks.add(p.block());
            }
            assertThat(blocks).as("one block 2 only, until it is acknowledged or retransmitted after 1 s")
                    .containsExactly(2);
            client.error(tid, 0, "bye");
        }
    }

    @Test
    void aRepeatedRequestFromTheSamePortStartsNoSecondTransfer() throws Exception {
        try (TftpTestClient client = client()) {
            client.readRequest("boot/kernel.bin", "octet", "blksize", "1024");
            client.readRequest("boot/kernel.bin", "octet", "blksize", "1024");
            client.readRequest("boot/kernel.bin", "octet", "blksize", "1024");
            TftpTestClient.Packet oack = client.receive();
            assertThat(client.receive(400)).as("one OACK only: the repeats were ignored").isNull();
            client.ack(oack.from(), 0);
            assertThat(client.receive().block()).isEqualTo(1);
            client.error(oack.from(), 0, "bye");
            server.awaitTransfer(t -> t.clientPort() == client.localAddress().getPort());
            Thread.sleep(200);
            assertThat(server.transfers()).filteredOn(t -> t.clientPort() == client.localAddress().getPort()).hasSize(1);
        }
    }

    @Test
    void aStrayPacketFromAnotherPortGetsErrorFiveAndTheTransferGoesOn() throws Exception {
        try (TftpTestClient client = client(); TftpTestClient stray = client()) {
            client.readRequest("boot/kernel.bin", "octet", "blksize", "1468");
            TftpTestClient.Packet oack = client.receive();
            stray.ack(oack.from(), 0);
            TftpTestClient.Packet answer = stray.receive();
            assertThat(answer.isError()).isTrue();
            assertThat(answer.errorCode()).isEqualTo(5);
            assertThat(client.receive(300)).as("the stray ACK 0 did not start the data").isNull();

            client.ack(oack.from(), 0);
            TftpTestClient.Packet data = client.receive();
            assertThat(data.block()).isEqualTo(1);
            client.error(oack.from(), 0, "bye");
        }
    }

    @Test
    void aClientThatVanishesMidTransferTimesOutAfterTheRetries() throws Exception {
        try (TftpTestClient client = client()) {
            client.readRequest("boot/kernel.bin", "octet", "blksize", "1468", "windowsize", "2");
            TftpTestClient.Packet oack = client.receive();
            client.ack(oack.from(), 0);
            client.receive();
            client.receive();
            client.ack(oack.from(), 2);
            assertThat(client.receive().block()).isEqualTo(3);
            long vanished = System.nanoTime();
            int retransmitted = 0;
            for (TftpTestClient.Packet p = client.receive(2500); p != null; p = client.receive(2500)) {
                assertThat(p.block()).isIn(3, 4);
                retransmitted++;
            }

            TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == client.localAddress().getPort());
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.TIMED_OUT);
            assertThat(event.bytes()).isEqualTo(2 * 1468);
            assertThat(retransmitted).as("block 4 once more, then the window twice (2 retries)").isEqualTo(5);
            assertThat((System.nanoTime() - vanished) / 1_000_000).isBetween(2500L, 8000L);
        }
    }

    @Test
    void writeRequestsAreRefusedWithErrorTwoAndReported() throws Exception {
        try (TftpTestClient client = client()) {
            client.send(server.address(), TftpTestClient.request(2, "boot/new.bin", "octet"));

            TftpTestClient.Packet answer = client.receive();

            assertThat(answer.errorCode()).isEqualTo(2);
            assertThat(answer.errorMessage()).contains("read-only");
            TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == client.localAddress().getPort());
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.ERROR);
            assertThat(event.errorCode()).isEqualTo(2);
            assertThat(root.resolve("boot/new.bin")).doesNotExist();
        }
    }

    @Test
    void missingFileIsErrorOneFolderTooAndBothAreReported() throws Exception {
        for (String name : List.of("boot/nope.efi", "boot")) {
            try (TftpTestClient client = client()) {
                client.readRequest(name, "octet");
                TftpTestClient.Packet answer = client.receive();
                assertThat(answer.errorCode()).as(name).isEqualTo(1);
                TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == client.localAddress().getPort());
                assertThat(event.errorCode()).isEqualTo(1);
                assertThat(event.detail()).startsWith("File not found");
            }
        }
    }

    @Test
    void leadingSlashAndBackslashesNameTheSameFile() throws Exception {
        for (String name : List.of("/boot/kernel.bin", "boot\\kernel.bin", "\\boot\\kernel.bin", "//boot//kernel.bin")) {
            try (TftpTestClient client = client()) {
                assertThat(client.download(name, "blksize", "8192").bytes()).as(name).isEqualTo(kernel);
            }
        }
    }

    @Test
    void unreadableRequestsGetErrorFourAndAreCountedNotPublished() throws Exception {
        long before = server.service().unreadablePackets();
        try (TftpTestClient client = client()) {
            client.send(server.address(), TftpTestClient.request(1, "boot/kernel.bin", "mail"));
            assertThat(client.receive().errorCode()).isEqualTo(4);
            client.send(server.address(), new byte[] {0, 9, 1, 2});
            assertThat(client.receive().errorCode()).isEqualTo(4);
            client.send(server.address(), new byte[] {0, 1, 'x', 0, 'o', 'c', 't', 'e', 't', 0, 'b', 'l', 'k'});
            assertThat(client.receive().errorCode()).isEqualTo(4);
            client.send(server.address(), new byte[] {0, 4, 0, 1});
            assertThat(client.receive().errorCode()).as("an ACK to the request port").isEqualTo(5);
        }
        assertThat(server.service().unreadablePackets() - before).isGreaterThanOrEqualTo(3);
        assertThat(server.transfers()).noneMatch(t -> t.file().equals("x") || t.mode().equals("mail"));
    }
}
