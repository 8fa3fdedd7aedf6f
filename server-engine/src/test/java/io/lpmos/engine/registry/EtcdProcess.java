package io.lpmos.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node etcd for tests: listens on two free loopback ports (client and peer), keeps its
 * data in a temporary directory, and can be stopped, killed and started again on the same ports and
 * data. Reads go through etcd's own JSON gateway ({@code /v3/kv/range}), independent of the client
 * library under test. Not thread-safe: one test drives it.
 */
public final class EtcdProcess implements AutoCloseable {
    /** The Debian package's binary ({@code apt-get install etcd-server}). */
    public static final Path BINARY = Path.of("/usr/bin/etcd");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Path dataRoot;
    private final int clientPort;
    private final int peerPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Process process;

    /** A stored key: its value and the lease it is attached to (0: none). */
    public record Entry(String value, long lease) {
    }

    private EtcdProcess(Path dataRoot, int clientPort, int peerPort) {
        this.dataRoot = dataRoot;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    /** Whether the etcd binary is installed, for {@code Assumptions.assumeTrue}. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Picks free ports and a data directory under {@code tempDir} without starting etcd yet. */
    public static EtcdProcess prepare(Path tempDir) throws IOException {
        int[] ports = freePorts(2);
        return new EtcdProcess(Files.createTempDirectory(tempDir, "etcd"), ports[0], ports[1]);
    }

    /** Prepares and starts etcd, returning once it reports healthy. */
    public static EtcdProcess start(Path tempDir) throws IOException, InterruptedException {
        EtcdProcess etcd = prepare(tempDir);
        etcd.start();
        return etcd;
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    /** The client URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    /**
     * Starts etcd (again) on the same ports and data directory and waits until it answers its health
     * check.
     *
     * @throws IllegalStateException when it is already running or does not become healthy in 15 s
     */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("etcd is already running (pid " + process.pid() + ")");
        }
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        Path log = dataRoot.resolve("etcd.log");
        process = new ProcessBuilder(List.of(BINARY.toString(),
                "--name", "test",
                "--data-dir", dataRoot.resolve("data").toString(),
                "--listen-client-urls", client,
                "--advertise-client-urls", client,
                "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer,
                "--initial-cluster-state", "new"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("etcd not healthy within " + READY_TIMEOUT.toSeconds() + "s; see " + log);
            }
            Thread.sleep(50);
        }
    }

    private boolean healthy() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && json.readTree(response.body()).path("health").asText().equals("true");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the etcd process is alive. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops etcd with SIGTERM (SIGKILL after 5 s) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Kills etcd with SIGKILL, as a crash or power loss would, and waits for it to exit. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** Reads one key through etcd's JSON gateway. */
    public Optional<Entry> get(String key) throws IOException, InterruptedException {
        List<Entry> entries = range(key, false);
        return entries.stream().findFirst();
    }

    /** Reads every key under a prefix through etcd's JSON gateway. */
    public List<Entry> getPrefix(String prefix) throws IOException, InterruptedException {
        return range(prefix, true);
    }

    /** Revokes a lease through etcd's JSON gateway, deleting every key attached to it. */
    public void revokeLease(long lease) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/v3/lease/revoke"))
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ID\":\"" + lease + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("etcd lease revoke " + lease + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private List<Entry> range(String key, boolean prefix) throws IOException, InterruptedException {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        var body = json.createObjectNode().put("key", Base64.getEncoder().encodeToString(keyBytes));
        if (prefix) {
            byte[] end = keyBytes.clone();
            end[end.length - 1]++;
            body.put("range_end", Base64.getEncoder().encodeToString(end));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/v3/kv/range"))
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("etcd range " + key + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode kvs = json.readTree(response.body()).path("kvs");
        return Stream.iterate(0, i -> i < kvs.size(), i -> i + 1).map(kvs::get)
                .map(kv -> new Entry(new String(Base64.getDecoder().decode(kv.path("value").asText()), StandardCharsets.UTF_8),
                        kv.path("lease").asLong(0)))
                .toList();
    }

    /** Stops etcd (killing it if need be) and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(dataRoot)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete etcd data " + dataRoot, e);
        }
    }
}
