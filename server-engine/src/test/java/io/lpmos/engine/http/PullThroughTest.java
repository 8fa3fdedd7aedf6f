package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.files.BootTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull-through mirrors end to end: a real engine HTTP service in front of a real upstream Jetty server. */
class PullThroughTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private Path root;
    private FakeMirror mirror;
    private URI deadUpstream;
    private EventBus bus;
    private EventBus.Subscription events;
    private final List<EngineEvent> received = new CopyOnWriteArrayList<>();
    private HttpService http;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        root = tmp.resolve("tftpboot");
        BootTree.prepare(root);
        mirror = new FakeMirror();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadUpstream = URI.create("http://127.0.0.1:" + probe.getLocalPort() + "/debian");
        }
        bus = new EventBus();
        events = bus.subscribe("test", 10_000, received::add);
        EngineConfig config = EngineConfig.builder()
                .listenAddress("127.0.0.1").apiPort(0).staticRoot(root)
                .reposUpstreams(Map.of("ubuntu", mirror.base(), "debian", deadUpstream))
                .build();
        http = new HttpService(config, bus);
        http.start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws Exception {
        http.stop();
        mirror.shutdown();
        events.close();
    }

    @Test
    void firstGetPullsTheExactBytesAndKeepsTheFile() throws Exception {
        byte[] content = bytes(3 * 1024 * 1024 + 123, 1);
        mirror.put("dists/jammy/Release", content);

        HttpResponse<byte[]> response = get("/repos/ubuntu/dists/jammy/Release");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(sha256(response.body())).isEqualTo(sha256(content));
        Path kept = root.resolve("repos/ubuntu/dists/jammy/Release");
        assertThat(sha256(Files.readAllBytes(kept))).isEqualTo(sha256(content));
        assertThat(Files.getLastModifiedTime(kept).toMillis()).isEqualTo(HttpDateTime.parseToEpoch(FakeMirror.LAST_MODIFIED));
        assertThat(partFiles()).isEmpty();
        assertThat(mirror.gets("dists/jammy/Release")).isEqualTo(1);
        assertThat(mirror.acceptEncodings()).as("bytes are fetched as published, never re-encoded").isEmpty();
        assertThat(events.awaitDrained(5000)).isTrue();
        assertThat(received).filteredOn(Notice.class::isInstance).map(e -> ((Notice) e).text())
                .contains("pulled /repos/ubuntu/dists/jammy/Release from " + mirror.base() + "/dists/jammy/Release (3.0 MiB)");
    }

    @Test
    void secondGetIsServedFromDiskWithRanges() throws Exception {
        byte[] content = bytes(200_000, 2);
        mirror.put("pool/main/h/hello/hello_2.10-2_amd64.deb", content);
        String path = "/repos/ubuntu/pool/main/h/hello/hello_2.10-2_amd64.deb";

        HttpResponse<byte[]> first = get(path);
        HttpResponse<byte[]> second = get(path);
        HttpResponse<byte[]> range = client.send(HttpRequest.newBuilder(url(path)).timeout(TIMEOUT)
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(sha256(second.body())).isEqualTo(sha256(content));
        assertThat(second.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
        assertThat(mirror.gets("pool/main/h/hello/hello_2.10-2_amd64.deb")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsShareOneUpstreamFetch() throws Exception {
        byte[] content = bytes(1024 * 1024 + 7, 3);
        String file = "dists/jammy/main/binary-amd64/Packages.xz";
        mirror.put(file, content);
        FakeMirror.Pause pause = FakeMirror.Pause.thenContinue(256 * 1024);
        mirror.pause(file, pause);

        List<CompletableFuture<HttpResponse<InputStream>>> pending = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(url("/repos/ubuntu/" + file)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<InputStream>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<InputStream>> future : pending) {
            responses.add(future.get(20, TimeUnit.SECONDS));
        }
        // Every client has its headers while the upstream is still held mid-file: all joined one fetch.
        assertThat(mirror.gets(file)).isEqualTo(1);
        pause.open();

        for (HttpResponse<InputStream> response : responses) {
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream body = response.body()) {
                assertThat(sha256(body.readAllBytes())).isEqualTo(sha256(content));
            }
        }
        assertThat(mirror.gets(file)).isEqualTo(1);
        assertThat(sha256(Files.readAllBytes(root.resolve("repos/ubuntu/" + file)))).isEqualTo(sha256(content));
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void upstreamDyingMidFileFailsTheClientAndKeepsNothing() throws Exception {
        byte[] content = bytes(2 * 1024 * 1024, 4);
        String file = "pool/main/l/linux/linux-image_6.8_amd64.deb";
        mirror.put(file, content);
        FakeMirror.Pause pause = FakeMirror.Pause.thenDieOnce(512 * 1024);
        mirror.pause(file, pause);

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url("/repos/ubuntu/" + file))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        try (InputStream body = response.body()) {
            byte[] start = body.readNBytes(256 * 1024);
            assertThat(start).isEqualTo(Arrays.copyOf(content, start.length));
            pause.open();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        Path target = root.resolve("repos/ubuntu/" + file);
        assertThat(target).doesNotExist();
        assertThat(partFiles()).isEmpty();

        HttpResponse<byte[]> retry = get("/repos/ubuntu/" + file);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(sha256(retry.body())).isEqualTo(sha256(content));
        assertThat(mirror.gets(file)).isEqualTo(2);
        assertThat(target).exists();
    }

    @Test
    void upstreamNotFoundIsNotFoundAndCreatesNothing() throws Exception {
        HttpResponse<byte[]> response = get("/repos/ubuntu/pool/universe/n/nothing/nothing_1.0_all.deb");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(mirror.gets("pool/universe/n/nothing/nothing_1.0_all.deb")).isEqualTo(1);
        assertThat(root.resolve("repos/ubuntu/pool")).doesNotExist();
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void distrosWithoutUpstreamAndFolderPathsAreNotPulled() throws Exception {
        mirror.put("dists/", bytes(10, 5));

        assertThat(get("/repos/rocky/9/BaseOS/x86_64/os/repodata/repomd.xml").statusCode()).isEqualTo(404);
        assertThat(get("/repos/ubuntu/dists/").statusCode()).isEqualTo(404);
        assertThat(get("/repos/ubuntu/22.04/").statusCode()).isEqualTo(200);
        assertThat(mirror.totalRequests()).isZero();
    }

    @Test
    void headIsForwardedWithoutDownloading() throws Exception {
        byte[] content = bytes(54_321, 6);
        mirror.put("dists/jammy/InRelease", content);

        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url("/repos/ubuntu/dists/jammy/InRelease"))
                .timeout(TIMEOUT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(response.headers().firstValue("Last-Modified")).hasValue(FakeMirror.LAST_MODIFIED);
        assertThat(mirror.heads("dists/jammy/InRelease")).isEqualTo(1);
        assertThat(mirror.gets("dists/jammy/InRelease")).isZero();
        assertThat(root.resolve("repos/ubuntu/dists")).doesNotExist();
    }

    @Test
    void unreachableUpstreamIsBadGatewayQuickly() throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = get("/repos/debian/dists/bookworm/Release");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("502 bad gateway");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(root.resolve("repos/debian/dists")).doesNotExist();
    }

    @Test
    void hostilePathsNeverWriteOutsideTheRoot() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("repos/ubuntu/evil"), outside);
        mirror.put("evil/payload.deb", bytes(1000, 7));
        mirror.put("escape", bytes(1000, 8));
        List<String> hostile = List.of(
                "/repos/ubuntu/../../escape",
                "/repos/ubuntu/%2e%2e/%2e%2e/escape",
                "/repos/ubuntu/..%2f..%2f..%2fescape",
                "/repos/ubuntu/%2E%2E%2F%2E%2E%2Fescape",
                "/repos/ubuntu/a%5c..%5c..%5cescape",
                "/repos/ubuntu/escape%00.deb",
                "/repos/ubuntu//%2e%2e//escape",
                "/repos/ubuntu/evil/payload.deb");

        for (String path : hostile) {
            assertThat(rawGetStatus(path)).as(path).isNotEqualTo(200);
        }

        assertThat(outside).isEmptyDirectory();
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("escape")
                            || p.getFileName().toString().startsWith("payload"))).isEmpty();
        }
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void stoppingTheServiceAbortsDownloadsAndRemovesTheirPartFiles() throws Exception {
        byte[] content = bytes(1024 * 1024, 9);
        String file = "dists/noble/Contents-amd64.gz";
        mirror.put(file, content);
        mirror.pause(file, FakeMirror.Pause.thenContinue(128 * 1024));

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url("/repos/ubuntu/" + file))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(partFiles()).hasSize(1);

        http.stop();

        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        assertThat(partFiles()).isEmpty();
        assertThat(root.resolve("repos/ubuntu/" + file)).doesNotExist();
    }

    @Test
    void indexesListedInReleaseAreVerifiedBeforeTheyAreKept() throws Exception {
        byte[] packages = bytes(300_000, 10);
        byte[] contents = bytes(400_000, 11);
        byte[] sources = bytes(5_000, 12);
        mirror.put("dists/jammy/main/binary-amd64/Packages.gz", packages);
        mirror.put("dists/jammy/main/Contents-amd64.gz", contents);
        mirror.put("dists/jammy/main/source/Sources.xz", sources);
        Path suite = root.resolve("repos/ubuntu/dists/jammy");
        Files.createDirectories(suite);
        Files.writeString(suite.resolve("InRelease"), "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nSuite: jammy\nSHA256:\n"
                + " " + sha256(packages) + " " + packages.length + " main/binary-amd64/Packages.gz\n"
                + " " + sha256(bytes(contents.length, 99)) + " " + contents.length + " main/Contents-amd64.gz\n"
                + " " + sha256(sources) + " " + (sources.length + 1) + " main/source/Sources.xz\n"
                + "-----BEGIN PGP SIGNATURE-----\n\nxyz\n-----END PGP SIGNATURE-----\n");

        HttpResponse<byte[]> verified = get("/repos/ubuntu/dists/jammy/main/binary-amd64/Packages.gz");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(sha256(verified.body())).isEqualTo(sha256(packages));
        assertThat(suite.resolve("main/binary-amd64/Packages.gz")).exists();
        assertThat(events.awaitDrained(5000)).isTrue();
        assertThat(received).filteredOn(Notice.class::isInstance).map(e -> ((Notice) e).text())
                .anyMatch(text -> text.startsWith("pulled /repos/ubuntu/dists/jammy/main/binary-amd64/Packages.gz")
                        && text.endsWith(", sha256 verified against dists/jammy/InRelease)"));

        FakeMirror.Pause pause = FakeMirror.Pause.thenContinue(128 * 1024);
        mirror.pause("dists/jammy/main/Contents-amd64.gz", pause);
        HttpResponse<InputStream> mismatch = client.send(HttpRequest.newBuilder(url("/repos/ubuntu/dists/jammy/main/Contents-amd64.gz"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(mismatch.statusCode()).isEqualTo(200);
        try (InputStream body = mismatch.body()) {
            assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);
            pause.open();
            assertThatThrownBy(body::readAllBytes).as("a file that fails its checksum never arrives complete")
                    .isInstanceOf(IOException.class);
        }
        assertThat(suite.resolve("main/Contents-amd64.gz")).doesNotExist();

        HttpResponse<byte[]> wrongSize = get("/repos/ubuntu/dists/jammy/main/source/Sources.xz");
        assertThat(wrongSize.statusCode()).isEqualTo(502);
        assertThat(suite.resolve("main/source/Sources.xz")).doesNotExist();
        assertThat(partFiles()).isEmpty();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI url(String path) {
        return http.uri().resolve(path);
    }

    /** Sends the request line exactly as given (no client-side normalisation) and returns the status. */
    private int rawGetStatus(String rawPath) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", http.boundPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).as(rawPath).startsWith("HTTP/1.1 ");
            return Integer.parseInt(reply.substring(9, 12));
        }
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
