package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.HttpAccess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request publishes exactly one {@link HttpAccess} with what the client saw (SPEC §3, ARCHITECTURE 4). */
class HttpAccessEventsTest {
    private static final long WAIT_MILLIS = 5000;

    @TempDir
    Path temp;

    /** One request sent, and what its access event must say. */
    private record Expected(int status, String method, String path, long bytes) {
    }

    @Test
    void eachRequestPublishesExactlyOneAccessEvent() throws Exception {
        try (RunningEngine server = RunningEngine.start(temp.resolve("tftpboot"))) {
            Files.write(server.staticTree().resolve("kernels/vmlinuz-rocky-9"), new byte[5000]);
            Files.createDirectories(server.staticTree().resolve("docs"));
            Files.writeString(server.staticTree().resolve("docs/a b.txt"), "spaced");
            List<HttpAccess> events = new CopyOnWriteArrayList<>();
            EventBus.Subscription subscription = server.engine().events().subscribe("test-access", 1000, event -> {
                if (event instanceof HttpAccess access) {
                    events.add(access);
                }
            });
            Instant before = Instant.now();
            List<Expected> expected = new ArrayList<>();
            try {
                String kernel = "/static/kernels/vmlinuz-rocky-9";
                expected.add(sent(server.get(kernel), "GET", kernel));
                expected.add(sent(server.head(kernel), "HEAD", kernel));
                expected.add(sent(server.get("/static/kernels/missing"), "GET", "/static/kernels/missing"));
                expected.add(sent(server.head("/static/kernels/missing"), "HEAD", "/static/kernels/missing"));
                expected.add(sent(server.get(kernel, "Range", "bytes=0-99"), "GET", kernel));
                String etag = server.head(kernel).headers().firstValue("ETag").orElseThrow();
                expected.add(new Expected(200, "HEAD", kernel, 0));
                expected.add(sent(server.get(kernel, "If-None-Match", etag), "GET", kernel));
                expected.add(sent(server.get("/static/kernels"), "GET", "/static/kernels"));
                expected.add(sent(server.get("/api/v1/files/static/kernels?depth=1"), "GET",
                        "/api/v1/files/static/kernels?depth=1"));
                expected.add(sent(server.get("/static/docs/a%20b.txt?x=1&y=%20"), "GET", "/static/docs/a b.txt?x=1&y=%20"));
                expected.add(sent(server.send("POST", kernel), "POST", kernel));
                expected.add(sent(server.get("/nope"), "GET", "/nope"));

                long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
                while (events.size() < expected.size() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);
                assertThat(subscription.awaitDrained(WAIT_MILLIS)).isTrue();
            } finally {
                subscription.close();
            }

            assertThat(events).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                HttpAccess event = events.get(i);
                Expected want = expected.get(i);
                assertThat(new Expected(event.status(), event.method(), event.path(), event.bytes()))
                        .as("event %d", i).isEqualTo(want);
                assertThat(event.client()).isEqualTo("127.0.0.1");
                assertThat(event.time()).isBetween(before, Instant.now());
                assertThat(event.latency()).isPositive().isLessThan(Duration.ofSeconds(30));
            }
            assertThat(events.get(0).bytes()).isEqualTo(5000);
            assertThat(events.get(4).bytes()).isEqualTo(100);
        }
    }

    private static Expected sent(HttpResponse<byte[]> response, String method, String loggedPath) {
        return new Expected(response.statusCode(), method, loggedPath, response.body().length);
    }
}
