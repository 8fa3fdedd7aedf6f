package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real {@link Engine} whose HTTP service listens on 127.0.0.1 at a free port, serving a boot tree
 * under a test's temporary folder, plus a {@link HttpClient} that never follows redirects. Used by the
 * HTTP integration tests; {@link #close()} stops the engine.
 */
final class RunningEngine implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path root;
    private final Engine engine;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningEngine(Path root, Engine engine) {
        this.root = root;
        this.engine = engine;
    }

    /** Starts an engine on 127.0.0.1:0 with {@code root} as its static root (created as needed). */
    static RunningEngine start(Path root) throws IOException {
        Engine engine = new Engine(config(root, 0), new EventBus());
        Map<Service, ServiceException> failures = engine.startAll();
        assertThat(failures).as("services that failed to start").isEmpty();
        return new RunningEngine(root, engine);
    }

    /** The configuration every test engine uses: loopback only, no interface lookup. */
    static EngineConfig config(Path root, int port) {
        return EngineConfig.builder()
                .idc("test")
                .serverIp("127.0.0.1")
                .listenAddress("127.0.0.1")
                .apiPort(port)
                .staticRoot(root)
                .build();
    }

    Engine engine() {
        return engine;
    }

    Path root() {
        return root;
    }

    Path staticTree() {
        return root.resolve("static");
    }

    Path repoTree() {
        return root.resolve("repos");
    }

    int port() {
        return engine.http().boundPort();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code rawTarget}, which is used exactly as given. */
    URI uri(String rawTarget) {
        return URI.create("http://127.0.0.1:" + port() + rawTarget);
    }

    /** Sends a request without a body; {@code headers} are name/value pairs. */
    HttpResponse<byte[]> send(String method, String rawTarget, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(rawTarget))
                .timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String rawTarget, String... headers) throws IOException, InterruptedException {
        return send("GET", rawTarget, headers);
    }

    HttpResponse<byte[]> head(String rawTarget, String... headers) throws IOException, InterruptedException {
        return send("HEAD", rawTarget, headers);
    }

    /** Sends {@code GET rawTarget HTTP/1.1} over a plain socket, byte for byte as given. */
    RawHttp.Response raw(String rawTarget) throws IOException {
        return RawHttp.exchange(port(), "GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    @Override
    public void close() {
        engine.close();
    }
}
