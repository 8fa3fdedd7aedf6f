package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.net.Cidr;
import io.lpmos.engine.testing.Curl;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.TestEngine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** {@code --allow}: the client here is always 127.0.0.1, inside or outside the configured networks. */
class AllowListTest {
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Logger allowListLog = (Logger) LoggerFactory.getLogger(AllowListHandler.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @TempDir
    Path root;

    @BeforeEach
    void captureLog() throws Exception {
        logged.start();
        allowListLog.addAppender(logged);
        Files.createDirectories(root.resolve("static/kernels"));
        Files.writeString(root.resolve("static/kernels/vmlinuz-test"), "kernel");
    }

    @AfterEach
    void releaseLog() {
        allowListLog.detachAppender(logged);
    }

    @Test
    void clientOutsideTheListGets403AndAWarningNamingIt() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.allow(cidrs("192.168.0.0/16", "10.0.0.0/8"))).start()) {
            HttpResponse<String> response = get(engine, "/static/kernels/vmlinuz-test");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("403 forbidden: your address is not allowed\n");
            assertThat(get(engine, "/api/v1/files/static").statusCode()).isEqualTo(403);
            HttpAccess access = engine.awaitAccess(a -> a.path().equals("/static/kernels/vmlinuz-test"));
            assertThat(access.status()).isEqualTo(403);
            assertThat(logged.list).hasSize(2).first().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).isEqualTo("refused GET /static/kernels/vmlinuz-test from 127.0.0.1:"
                        + " not in --allow [192.168.0.0/16, 10.0.0.0/8]");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.0/8", "127.0.0.1", "::ffff:127.0.0.0/104", "0.0.0.0/0"})
    void loopbackClientInsideTheListIsServed(String network) throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.allow(cidrs("192.168.0.0/16", network))).start()) {
            HttpResponse<String> response = get(engine, "/static/kernels/vmlinuz-test");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("kernel");
            assertThat(logged.list).isEmpty();
        }
    }

    @Test
    void ipv6OnlyListRefusesAnIpv4Client() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.allow(cidrs("::1", "fd00::/8"))).start()) {
            assertThat(get(engine, "/static/").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void curlIsRefusedToo() throws Exception {
        Curl.assumeInstalled();
        try (TestEngine engine = TestEngine.create(root, b -> b.allow(cidrs("203.0.113.0/24"))).start()) {
            ExternalCommand.Result result = Curl.run("-o", "/dev/null", "-w", "%{http_code}",
                    engine.uri("/static/kernels/vmlinuz-test").toString());

            assertThat(result.stdout()).isEqualTo("403");
        }
    }

    private HttpResponse<String> get(TestEngine engine, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(engine.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Cidr> cidrs(String... networks) {
        return Stream.of(networks).map(Cidr::parse).toList();
    }
}
