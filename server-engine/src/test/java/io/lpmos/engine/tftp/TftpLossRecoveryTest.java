package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.testing.ExternalCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Windowing and loss recovery (RFC 7440): downloads pass through {@link LossyRelay}, which drops every
 * n-th packet of one direction (n above the window, so that a retransmitted window is not hit at the
 * same block every time, which no sender could get past) or packets at random in both; every copy must still be exact, recovery must restart from the last
 * acknowledged block (so little is sent twice). A lost ACK, or the loss of a window's last block,
 * can only be repaired by the server's timeout, so the server runs with 50 ms here.
 */
class TftpLossRecoveryTest {
    private static final int SIZE = 1024 * 1024;

    @TempDir
    static Path root;
    static RunningTftp server;
    static byte[] image;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        image = new byte[SIZE];
        new Random(7).nextBytes(image);
        Files.write(root.resolve("boot/image.bin"), image);
        server = RunningTftp.start(root, tftp -> tftp.withTimeoutMillis(50).withRetries(20));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "blksize {0}, windowsize {1}, drop every {2}th packet to the {3}")
    @CsvSource({
        "1468, 1, 13, client",
        "1468, 4, 7, client",
        "1468, 8, 11, client",
        "1468, 16, 17, client",
        "512, 64, 67, client",
        "1468, 8, 9, server",
        "8192, 4, 5, client",
    })
    void everyCopyIsExactDespiteLosses(int blockSize, int window, int nth, String direction) throws Exception {
        boolean toClient = direction.equals("client");
        try (LossyRelay relay = new LossyRelay(server.address(), toClient ? LossyRelay.everyNth(nth) : LossyRelay.none(),
                toClient ? LossyRelay.none() : LossyRelay.everyNth(nth));
             TftpTestClient client = new TftpTestClient(new InetSocketAddress("127.0.0.1", relay.port()))) {
            long started = System.nanoTime();

            TftpTestClient.Download download = client.download("boot/image.bin", "blksize", Integer.toString(blockSize),
                    "windowsize", Integer.toString(window));

            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(RunningTftp.sha256(download.bytes())).isEqualTo(RunningTftp.sha256(image));
            assertThat(relay.dropped()).isPositive();
            int blocks = SIZE / blockSize + 1;
            assertThat(download.dataPackets()).as("restarts from the last acknowledged block, not from the start")
                    .isLessThan(blocks + relay.dropped() * (window + 1) + window);
            TftpTransfer event = server.awaitTransfer(t -> t.outcome() == TftpTransfer.Outcome.COMPLETE
                    && t.options().windowSize() == window && t.options().blockSize() == blockSize && t.bytes() == SIZE);
            assertThat(event.duration().toMillis()).isLessThanOrEqualTo(millis + 100);
        }
    }

    @ParameterizedTest(name = "blksize 1468, windowsize {0}, {1} of the packets lost each way at random")
    @CsvSource({"4, 0.05", "16, 0.05", "64, 0.02"})
    void randomLossesBothWays(int window, double loss) throws Exception {
        try (LossyRelay relay = new LossyRelay(server.address(), LossyRelay.randomly(loss, window),
                LossyRelay.randomly(loss, -window));
             TftpTestClient client = new TftpTestClient(new InetSocketAddress("127.0.0.1", relay.port()))) {

            TftpTestClient.Download download = client.download("boot/image.bin", "blksize", "1468",
                    "windowsize", Integer.toString(window));

            assertThat(RunningTftp.sha256(download.bytes())).isEqualTo(RunningTftp.sha256(image));
            assertThat(relay.dropped()).isPositive();
        }
    }

    @ParameterizedTest(name = "atftp windowsize {0} through a relay dropping every {1}th packet")
    @CsvSource({"4, 25", "16, 40"})
    void atftpRecoversToo(int window, int nth) throws Exception {
        try {
            ExternalCommand.run(Duration.ofSeconds(10), List.of("atftp", "--help"));
        } catch (IOException e) {
            Assumptions.abort("atftp is not installed");
        }
        Path local = root.resolve("atftp-" + window + ".bin");
        try (LossyRelay relay = new LossyRelay(server.address(), LossyRelay.everyNth(nth), LossyRelay.none())) {
            ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(120), List.of("atftp", "--option",
                    "blksize 1468", "--option", "windowsize " + window, "-g", "-r", "boot/image.bin", "-l",
                    local.toString(), "127.0.0.1", Integer.toString(relay.port())));

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(relay.dropped()).isPositive();
            assertThat(RunningTftp.sha256(Files.readAllBytes(local))).isEqualTo(RunningTftp.sha256(image));
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
