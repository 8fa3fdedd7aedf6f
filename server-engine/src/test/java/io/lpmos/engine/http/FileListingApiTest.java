package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/files/{static,repos}[/sub]} against the real HTTP service (SPEC §3). */
class FileListingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MODIFIED = Instant.parse("2026-02-04T14:00:00Z");
    private static final String ODD_NAME = "ünï cödé \"q\".txt";

    @TempDir
    static Path temp;
    static RunningEngine server;

    @BeforeAll
    static void start() throws IOException {
        server = RunningEngine.start(temp.resolve("tftpboot"));
        Path tree = server.staticTree();
        write(tree.resolve("kernels/vmlinuz-ubuntu-22.04"), 8_388_608);
        write(tree.resolve("kernels/vmlinuz-rocky-9"), 1000);
        write(tree.resolve("initramfs/lpmos-agent-initramfs.gz"), 2000);
        write(tree.resolve("initramfs/lpmos-agent-initramfs-debug.gz"), 3000);
        Files.createDirectories(tree.resolve("empty-dir"));
        write(tree.resolve(ODD_NAME), 1);
        write(server.repoTree().resolve("ubuntu/22.04/dists/jammy/Release"), 10);
    }

    private static void write(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void staticTreeIsListedRecursivelyInTheSpecShape() throws Exception {
        HttpResponse<byte[]> response = server.get("/api/v1/files/static");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("path", "files");
        assertThat(body.get("path").asText()).isEqualTo("/static");
        assertThat(paths(body)).containsExactly(
                "/empty-dir",
                "/initramfs",
                "/initramfs/lpmos-agent-initramfs-debug.gz",
                "/initramfs/lpmos-agent-initramfs.gz",
                "/kernels",
                "/kernels/vmlinuz-rocky-9",
                "/kernels/vmlinuz-ubuntu-22.04",
                "/" + ODD_NAME);
        JsonNode kernels = entry(body, "/kernels");
        assertThat(fieldNames(kernels)).containsExactly("name", "path", "is_dir", "size");
        assertThat(kernels.get("name").asText()).isEqualTo("kernels");
        assertThat(kernels.get("is_dir").isBoolean()).isTrue();
        assertThat(kernels.get("is_dir").asBoolean()).isTrue();
        assertThat(kernels.get("size").asLong()).isEqualTo(Files.size(server.staticTree().resolve("kernels")));
        JsonNode kernel = entry(body, "/kernels/vmlinuz-ubuntu-22.04");
        assertThat(fieldNames(kernel)).containsExactly("name", "path", "is_dir", "size", "modified");
        assertThat(kernel.get("name").asText()).isEqualTo("vmlinuz-ubuntu-22.04");
        assertThat(kernel.get("is_dir").asBoolean()).isFalse();
        assertThat(kernel.get("size").isIntegralNumber()).isTrue();
        assertThat(kernel.get("size").asLong()).isEqualTo(8_388_608);
        assertThat(kernel.get("modified").asText()).isEqualTo("2026-02-04T14:00:00Z");
        assertThat(entry(body, "/" + ODD_NAME).get("name").asText()).isEqualTo(ODD_NAME);
    }

    @Test
    void modifiedIsRfc3339UtcWithoutFractions() throws Exception {
        Path file = server.staticTree().resolve("kernels/vmlinuz-rocky-9");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-07-08T09:10:11.987654321Z")));
        try {
            JsonNode body = JSON.readTree(server.get("/api/v1/files/static/kernels").body());

            assertThat(entry(body, "/kernels/vmlinuz-rocky-9").get("modified").asText()).isEqualTo("2025-07-08T09:10:11Z");
        } finally {
            Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/files/static/kernels", "/api/v1/files/static/kernels/"})
    void subPathListsThatFolderWithPathsRelativeToTheTree(String target) throws Exception {
        JsonNode body = JSON.readTree(server.get(target).body());

        assertThat(body.get("path").asText()).isEqualTo("/static/kernels");
        assertThat(paths(body)).containsExactly("/kernels/vmlinuz-rocky-9", "/kernels/vmlinuz-ubuntu-22.04");
    }

    @Test
    void percentEncodedSubPathIsDecoded() throws Exception {
        Path folder = Files.createDirectories(server.repoTree().resolve("rocky/9/Base OS"));
        Files.writeString(folder.resolve("repomd.xml"), "<repomd/>");

        HttpResponse<byte[]> response = server.get("/api/v1/files/repos/rocky/9/Base%20OS");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("path").asText()).isEqualTo("/repos/rocky/9/Base OS");
        assertThat(paths(body)).containsExactly("/rocky/9/Base OS/repomd.xml");
    }

    @Test
    void subPathNamingAFileListsThatFile() throws Exception {
        JsonNode body = JSON.readTree(server.get("/api/v1/files/static/kernels/vmlinuz-rocky-9").body());

        assertThat(body.get("path").asText()).isEqualTo("/static/kernels/vmlinuz-rocky-9");
        assertThat(paths(body)).containsExactly("/kernels/vmlinuz-rocky-9");
    }

    @Test
    void emptyFolderHasAnEmptyFileArray() throws Exception {
        JsonNode body = JSON.readTree(server.get("/api/v1/files/static/empty-dir").body());

        assertThat(body.get("files").isArray()).isTrue();
        assertThat(body.get("files")).isEmpty();
    }

    @Test
    void reposTreeIsListedWithTheSpecLayout() throws Exception {
        JsonNode body = JSON.readTree(server.get("/api/v1/files/repos").body());

        assertThat(body.get("path").asText()).isEqualTo("/repos");
        assertThat(paths(body)).containsSubsequence("/centos", "/centos/7", "/centos/8", "/debian", "/debian/11",
                "/debian/12", "/rocky", "/rocky/8", "/rocky/9", "/ubuntu", "/ubuntu/20.04", "/ubuntu/22.04",
                "/ubuntu/22.04/dists", "/ubuntu/22.04/dists/jammy", "/ubuntu/22.04/dists/jammy/Release");
    }

    @Test
    void jqSelectsTheFilePaths() throws Exception {
        ExternalTool.assumeInstalled("curl");
        ExternalTool.assumeInstalled("jq");

        ExternalTool.Result jq = ExternalTool.pipeline(List.of(
                List.of("curl", "-sS", "--max-time", "20", server.uri("/api/v1/files/static").toString()),
                List.of("jq", ".files[] | select(.is_dir == false) | .path")));

        assertThat(jq.exitCode()).as(jq.stderr()).isZero();
        assertThat(jq.stdout().lines()).containsExactly(
                "\"/initramfs/lpmos-agent-initramfs-debug.gz\"",
                "\"/initramfs/lpmos-agent-initramfs.gz\"",
                "\"/kernels/vmlinuz-rocky-9\"",
                "\"/kernels/vmlinuz-ubuntu-22.04\"",
                "\"/ünï cödé \\\"q\\\".txt\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/files/static/nope", "/api/v1/files/static/kernels/nope/deeper",
            "/api/v1/files/repos/fedora"})
    void missingSubPathIs404Json(String target) throws Exception {
        HttpResponse<byte[]> response = server.get(target);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).startsWith("no such path: ").contains(target.substring("/api/v1/files".length()));
    }

    @Test
    void depthOneListsOnlyTheFolderItself() throws Exception {
        JsonNode one = JSON.readTree(server.get("/api/v1/files/static?depth=1").body());
        JsonNode two = JSON.readTree(server.get("/api/v1/files/static?depth=2").body());
        JsonNode huge = JSON.readTree(server.get("/api/v1/files/static?depth=3000000000").body());

        assertThat(paths(one)).containsExactly("/empty-dir", "/initramfs", "/kernels", "/" + ODD_NAME);
        assertThat(paths(two)).isEqualTo(paths(JSON.readTree(server.get("/api/v1/files/static").body())));
        assertThat(paths(huge)).isEqualTo(paths(two));
    }

    @Test
    void pagingWalksTheWholeListingWithNextOffset() throws Exception {
        List<String> all = paths(JSON.readTree(server.get("/api/v1/files/static").body()));
        List<String> paged = new ArrayList<>();
        long offset = 0;
        int pages = 0;
        while (pages++ < 20) {
            JsonNode page = JSON.readTree(server.get("/api/v1/files/static?limit=3&offset=" + offset).body());
            paged.addAll(paths(page));
            if (!page.has("next_offset")) {
                break;
            }
            assertThat(paths(page)).hasSize(3);
            offset = page.get("next_offset").asLong();
            assertThat(offset).isEqualTo(paged.size());
        }

        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all);
        assertThat(JSON.readTree(server.get("/api/v1/files/static?offset=100").body()).get("files")).isEmpty();
        assertThat(JSON.readTree(server.get("/api/v1/files/static?limit=8").body()).has("next_offset")).isFalse();
        assertThat(JSON.readTree(server.get("/api/v1/files/static").body()).has("next_offset")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"depth=0", "depth=-1", "depth=abc", "depth=", "limit=0", "limit=x", "offset=-1",
            "offset=1.5", "depth=1e3"})
    void invalidOptionsAre400Json(String query) throws Exception {
        HttpResponse<byte[]> response = server.get("/api/v1/files/static?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).contains(query.substring(0, query.indexOf('=')));
    }

    @Test
    void headAnswersWithoutABodyAndPostIs405Json() throws Exception {
        HttpResponse<byte[]> head = server.head("/api/v1/files/static");
        HttpResponse<byte[]> post = server.send("POST", "/api/v1/files/static");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(JSON.readTree(post.body()).has("error")).isTrue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> paths(JsonNode body) {
        List<String> paths = new ArrayList<>();
        body.get("files").forEach(file -> paths.add(file.get("path").asText()));
        return paths;
    }

    private static JsonNode entry(JsonNode body, String path) {
        for (JsonNode file : body.get("files")) {
            if (file.get("path").asText().equals(path)) {
                return file;
            }
        }
        throw new AssertionError("no entry " + path + " in " + body);
    }
}
