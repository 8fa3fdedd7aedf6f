package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.files.HostilePaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared hostile-path corpus against the real HTTP service, through every URL space that maps
 * to the boot tree: nothing outside the root is ever served, and no request causes a server error.
 */
class PathSafetyTest {
    private static final List<String> PREFIXES = List.of("/static/", "/repos/", "/boot/", "/api/v1/files/static/");
    private static final Set<Integer> REFUSALS = Set.of(400, 403, 404);
    /** Jetty's default limit for the request line and headers; longer targets are refused with 414 first. */
    private static final int REQUEST_HEADER_LIMIT = 8192;
    private static final String PASSWD_LINE = "root:x:0:0";

    @TempDir
    static Path temp;
    static RunningEngine server;
    static HostilePaths.Fixture fixture;
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() throws IOException {
        Path root = temp.resolve("tftpboot");
        server = RunningEngine.start(root);
        fixture = HostilePaths.plant(temp, server.staticTree(), server.repoTree());
        Files.writeString(server.staticTree().resolve("kernels/vmlinuz-rocky-9"), "inside kernel");
        Files.createSymbolicLink(server.staticTree().resolve("current-kernel"), Path.of("kernels/vmlinuz-rocky-9"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> corpusThroughEveryPrefix() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String hostile : HostilePaths.load()) {
            for (String prefix : PREFIXES) {
                cases.add(Arguments.of(prefix, hostile));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} + corpus line {index}")
    @MethodSource("corpusThroughEveryPrefix")
    void hostilePathOverAPlainSocketIsRefused(String prefix, String hostile) throws IOException {
        String target = prefix + hostile;

        RawHttp.Response response = server.raw(target);

        assertRefused(target, response.status(), response.wire());
    }

    @ParameterizedTest(name = "{0} + corpus line {index}")
    @MethodSource("corpusThroughEveryPrefix")
    void hostilePathThroughJavaHttpClientIsRefused(String prefix, String hostile) throws Exception {
        String target = prefix + hostile;
        URI uri;
        try {
            uri = server.uri(target);
        } catch (IllegalArgumentException notAUri) {
            return;
        }

        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(RunningEngine.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertRefused(target, response.statusCode(), new String(response.body(), StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/static/../../secret.txt",
            "/static/..%5c..%5csecret.txt",
            "/static/kernels/..\\..\\..\\secret.txt",
            "/static%2f..%2f..%2fsecret.txt",
            "/static/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/repos/..;/..;/secret.txt",
            "/repos/ubuntu/../../../secret.txt",
            "/api/v1/files/static/../../../secret.txt",
            "/api/v1/files/static/etc-link",
            "/api/v1/files/repos/secret-link.txt",
            "http://127.0.0.1/static/../../secret.txt",
            "/static/secret-link.txt",
            "/static/etc-link/passwd",
            "\\static\\..\\..\\secret.txt",
            "*"})
    void rawRequestTargetsNoClientWouldSendAreRefused(String target) throws IOException {
        RawHttp.Response response = server.raw(target);

        assertRefused(target, response.status(), response.wire());
    }

    @Test
    void curlWithPathAsIsCannotClimbOut() throws Exception {
        ExternalTool.assumeInstalled("curl");
        for (String target : List.of("/static/../../secret.txt", "/repos/%2e%2e/%2e%2e/secret.txt", "/static/etc-link/passwd")) {
            ExternalTool.Result curl = ExternalTool.run("curl", "-sS", "--max-time", "20", "--path-as-is",
                    "-w", "\n%{http_code}", server.uri("/").toString().replaceAll("/$", "") + target);

            assertThat(curl.exitCode()).as(curl.stderr()).isZero();
            String status = curl.stdout().substring(curl.stdout().lastIndexOf('\n') + 1);
            assertRefused(target, Integer.parseInt(status), curl.stdout());
        }
    }

    @Test
    void symlinkToAFileInsideTheRootIsServed() throws Exception {
        HttpResponse<byte[]> response = server.get("/static/current-kernel");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("inside kernel");
    }

    @Test
    void symlinksLeavingTheRootAreForbidden() throws Exception {
        assertThat(server.get("/static/secret-link.txt").statusCode()).isEqualTo(403);
        assertThat(server.get("/static/etc-link/passwd").statusCode()).isEqualTo(403);
        assertThat(server.get("/static/etc-link/").statusCode()).isEqualTo(403);
    }

    @Test
    void listingsDoNotShowSymlinksThatLeaveTheRoot() throws Exception {
        String json = new String(server.get("/api/v1/files/static").body(), StandardCharsets.UTF_8);
        String html = new String(server.get("/static/").body(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"current-kernel\"").doesNotContain("etc-link", "secret-link", "passwd");
        assertThat(html).contains("current-kernel").doesNotContain("etc-link", "secret-link");
    }

    private static void assertRefused(String target, int status, String wholeAnswer) {
        String shown = target.length() > 100 ? target.substring(0, 100) + "…(" + target.length() + " chars)" : target;
        if (("GET " + target + " HTTP/1.1").length() > REQUEST_HEADER_LIMIT) {
            assertThat(status).as("status for %s", shown).isIn(400, 414);
        } else {
            assertThat(status).as("status for %s", shown).isIn(REFUSALS);
        }
        assertThat(wholeAnswer).as("answer to %s", shown)
                .doesNotContain(fixture.marker())
                .doesNotContain(PASSWD_LINE)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
