package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests Jetty itself refuses, and the one ambiguity we accept on purpose ("//"). */
class JettyRefusalsTest {
    @TempDir
    Path tmp;

    @Test
    void doubleSlashesAreServedAsOneLikeGoAndNginx() throws Exception {
        try (RunningEngine engine = RunningEngine.start(tmp.resolve("root"))) {
            Files.writeString(engine.staticTree().resolve("kernels/vmlinuz-x"), "kernel");
            RawHttp.Response response = RawHttp.exchange(engine.port(),
                    "GET /static//kernels//vmlinuz-x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("kernel");
        }
    }

    @Test
    void refusedUrisGetAShortPlainTextAnswerThatDoesNotEchoTheUrl() throws Exception {
        try (RunningEngine engine = RunningEngine.start(tmp.resolve("root"))) {
            for (String target : new String[] {"/static/%2e%2e/%2e%2e/etc/passwd", "/static/a%2fb", "/static/a%00b",
                    "/static/%c0%ae%c0%ae/x"}) {
                RawHttp.Response response = RawHttp.exchange(engine.port(),
                        "GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
                assertThat(response.status()).as(target).isEqualTo(400);
                assertThat(response.header("Content-Type")).as(target).startsWith("text/plain");
                String body = new String(response.body(), StandardCharsets.UTF_8);
                assertThat(body).as(target).isEqualTo("400 bad request\n").doesNotContain("passwd");
            }
        }
    }
}
