package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.testing.ExternalCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real clients PXE labs use — curl, atftp, tftp-hpa and busybox tftp — download files of the sizes
 * where TFTP breaks (0, 511 and 512 bytes, exactly 65535 blocks of 512 bytes, 40 MiB at 512-byte
 * blocks, which rolls the block number over) from the real server on loopback; every copy is compared
 * by sha256. A client that is not installed is skipped (CI installs all four).
 */
class TftpRealClientsTest {
    private static final long ROLLOVER_SIZE = 65535L * 512;
    private static final long LARGE_SIZE = 40L * 1024 * 1024;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path root;
    @TempDir
    static Path downloads;
    static RunningTftp server;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        for (long size : new long[] {0, 511, 512, ROLLOVER_SIZE, LARGE_SIZE}) {
            writeRandom(root.resolve("boot/file-" + size + ".bin"), size);
        }
        server = RunningTftp.start(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(size);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /** A client's command line to fetch {@code remote} into {@code local}. */
    enum Client {
        CURL("curl", "--version"),
        ATFTP("atftp", "--help"),
        TFTP_HPA("tftp", "-V"),
        BUSYBOX("busybox", "--help");

        final String program;
        final String probe;

        Client(String program, String probe) {
            this.program = program;
            this.probe = probe;
        }

        /** @param small 512-byte blocks (RFC 1350) when false, the client's option flags when true */
        List<String> fetch(String remote, Path local, int port, boolean small) {
            String p = Integer.toString(port);
            return switch (this) {
                case CURL -> small
                        ? List.of("curl", "-q", "-sS", "--max-time", "100", "--tftp-blksize", "1468", "-o", local.toString(),
                        "tftp://127.0.0.1:" + p + "/" + remote)
                        : List.of("curl", "-q", "-sS", "--max-time", "100", "-o", local.toString(),
                        "tftp://127.0.0.1:" + p + "/" + remote);
                case ATFTP -> small
                        ? List.of("atftp", "--option", "blksize 1468", "--option", "windowsize 4", "-g", "-r", remote,
                        "-l", local.toString(), "127.0.0.1", p)
                        : List.of("atftp", "--option", "blksize 512", "-g", "-r", remote, "-l", local.toString(),
                        "127.0.0.1", p);
                case TFTP_HPA -> List.of("tftp", "-m", "binary", "127.0.0.1", p, "-c", "get", remote, local.toString());
                case BUSYBOX -> small
                        ? List.of("busybox", "tftp", "-b", "1468", "-g", "-r", remote, "-l", local.toString(), "127.0.0.1", p)
                        : List.of("busybox", "tftp", "-g", "-r", remote, "-l", local.toString(), "127.0.0.1", p);
            };
        }

        void assumeInstalled() {
            boolean installed;
            try {
                ExternalCommand.run(Duration.ofSeconds(10), List.of(program, probe));
                installed = true;
            } catch (IOException e) {
                installed = false;
            }
            Assumptions.assumeTrue(installed, program + " is not installed");
        }
    }

    static Stream<Arguments> clientsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (Client client : Client.values()) {
            for (long size : new long[] {0, 511, 512, ROLLOVER_SIZE, LARGE_SIZE}) {
                cases.add(Arguments.of(client, size));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} fetches {1} bytes")
    @MethodSource("clientsAndSizes")
    void realClientDownloadsAnExactCopy(Client client, long size) throws Exception {
        client.assumeInstalled();
        String remote = "boot/file-" + size + ".bin";
        Path local = downloads.resolve(client + "-" + size + ".bin");
        boolean small = size <= 512;

        ExternalCommand.Result result = ExternalCommand.run(CLIENT_TIMEOUT, client.fetch(remote, local, server.port(), small));

        assertThat(result.exitCode()).as("%s: %s %s", client, result.stdout(), result.stderr()).isZero();
        assertThat(sha256(local)).as("%s copy of %d bytes", client, size).isEqualTo(sha256(root.resolve(remote)));
        TftpTransfer event = server.awaitTransfer(t -> t.file().equals(remote) && t.outcome() == TftpTransfer.Outcome.COMPLETE
                && t.bytes() == size);
        assertThat(event.size()).isEqualTo(size);
        Files.delete(local);
    }

    @Test
    void fiftyConcurrentDownloadsAllComplete() throws Exception {
        Client.ATFTP.assumeInstalled();
        String remote = "boot/file-" + ROLLOVER_SIZE + ".bin";
        int before = server.transfers().size();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<ExternalCommand.Result>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Path local = downloads.resolve("concurrent-" + i + ".bin");
                List<String> command = List.of("atftp", "--option", "blksize 1468", "--option", "windowsize 8", "-g",
                        "-r", remote, "-l", local.toString(), "127.0.0.1", Integer.toString(server.port()));
                results.add(pool.submit(() -> ExternalCommand.run(CLIENT_TIMEOUT, command)));
            }
            for (Future<ExternalCommand.Result> result : results) {
                assertThat(result.get().exitCode()).as(result.get().stderr()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        String want = sha256(root.resolve(remote));
        for (int i = 0; i < 50; i++) {
            assertThat(sha256(downloads.resolve("concurrent-" + i + ".bin"))).isEqualTo(want);
        }
        server.awaitTransfer(t -> server.transfers().size() - before >= 50, 30);
        List<TftpTransfer> mine = server.transfers().subList(before, server.transfers().size());
        assertThat(mine).hasSize(50).allMatch(t -> t.outcome() == TftpTransfer.Outcome.COMPLETE);
        assertThat(maxOverlap(mine)).as("transfers running at the same moment").isGreaterThan(10);
    }

    /** The most transfers whose [start, end] intervals share one moment. */
    private static int maxOverlap(List<TftpTransfer> transfers) {
        List<long[]> edges = new ArrayList<>();
        for (TftpTransfer t : transfers) {
            long end = t.time().toEpochMilli() * 1_000_000 + t.time().getNano() % 1_000_000;
            edges.add(new long[] {end - t.duration().toNanos(), 1});
            edges.add(new long[] {end, -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int max = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            max = Math.max(max, now);
        }
        return max;
    }

    @Test
    void largeTransfersReportProgressAboutFourTimesASecond() throws Exception {
        Client.TFTP_HPA.assumeInstalled();
        String remote = "boot/file-" + LARGE_SIZE + ".bin";
        Path local = downloads.resolve("progress.bin");

        ExternalCommand.Result result = ExternalCommand.run(CLIENT_TIMEOUT,
                Client.TFTP_HPA.fetch(remote, local, server.port(), false));

        assertThat(result.exitCode()).isZero();
        TftpTransfer done = server.awaitTransfer(t -> t.file().equals(remote) && t.clientPort() > 0
                && t.outcome() == TftpTransfer.Outcome.COMPLETE && server.progress().stream().anyMatch(p -> p.id() == t.id()));
        List<Long> bytes = server.progress().stream().filter(p -> p.id() == done.id()).map(p -> p.bytes()).toList();
        assertThat(bytes).isSorted().allMatch(b -> b > 0 && b < LARGE_SIZE);
        long expected = done.duration().toMillis() / 250;
        assertThat((long) bytes.size()).isBetween(Math.max(1, expected - 2), expected + 1);
        Files.delete(local);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
