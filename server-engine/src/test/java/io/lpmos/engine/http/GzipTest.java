package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.testing.Curl;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --gzip}: JSON and text compressed for clients that ask; files such as kernels never. */
class GzipTest {
    private static final String KERNEL = "/static/kernels/vmlinuz-ubuntu-22.04";
    private static final String NOTES = "/static/notes.txt";

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path root;
    private byte[] kernel;
    private String notes;

    @BeforeEach
    void writeTree() throws IOException {
        Files.createDirectories(root.resolve("static/kernels"));
        Files.createDirectories(root.resolve("static/initramfs"));
        kernel = new byte[200 * 1024];
        Files.write(root.resolve("static/kernels/vmlinuz-ubuntu-22.04"), kernel);
        for (String name : new String[] {"vmlinuz-centos-8", "vmlinuz-rocky-9", "vmlinuz-debian-12"}) {
            Files.write(root.resolve("static/kernels/" + name), new byte[1024]);
        }
        Files.write(root.resolve("static/initramfs/lpmos-agent-initramfs.gz"), new byte[2048]);
        notes = "label ubuntu\n  kernel /static/kernels/vmlinuz-ubuntu-22.04\n".repeat(200);
        Files.writeString(root.resolve("static/notes.txt"), notes);
    }

    @Test
    void jsonListingIsCompressedOnlyWhenTheClientAcceptsGzip() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.gzip(true)).start()) {
            HttpResponse<byte[]> gzipped = get(engine, "/api/v1/files/static", "Accept-Encoding", "gzip");
            HttpResponse<byte[]> plain = get(engine, "/api/v1/files/static");

            assertThat(gzipped.statusCode()).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gzipped.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
            assertThat(gzipped.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            String json = gunzip(gzipped.body());
            assertThat(json).contains("\"path\":\"/kernels/vmlinuz-ubuntu-22.04\"", "\"size\":204800");
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(json);
            assertThat(gzipped.body().length).isLessThan(plain.body().length);
        }
    }

    @Test
    void directoryIndexAndTextFilesAreCompressed() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.gzip(true)).start()) {
            HttpResponse<byte[]> index = get(engine, "/static/kernels/", "Accept-Encoding", "gzip");
            HttpResponse<byte[]> text = get(engine, NOTES, "Accept-Encoding", "gzip");

            assertThat(index.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gunzip(index.body())).contains("vmlinuz-rocky-9");
            assertThat(text.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gunzip(text.body())).isEqualTo(notes);
        }
    }

    @Test
    void kernelIsNeverCompressedAndKeepsItsExactLength() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.gzip(true)).start()) {
            HttpResponse<byte[]> response = get(engine, KERNEL, "Accept-Encoding", "gzip, deflate, br");
            HttpResponse<Void> head = client.send(HttpRequest.newBuilder(engine.uri(KERNEL))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.discarding());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(kernel.length);
            assertThat(response.body()).isEqualTo(kernel);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(kernel.length);
            assertThat(head.headers().firstValue("Content-Encoding")).isEmpty();
        }
    }

    @Test
    void rangeOfATextFileIsServedUncompressed() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.gzip(true)).start()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(engine.uri(NOTES))
                            .header("Accept-Encoding", "gzip").header("Range", "bytes=100-1123").build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 100-1123/" + notes.length());
            assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo(notes.substring(100, 1124));
        }
    }

    @Test
    void curlWithCompressedGetsTheListingAndAnUncompressedKernel() throws Exception {
        Curl.assumeInstalled();
        try (TestEngine engine = TestEngine.create(root, b -> b.gzip(true)).start()) {
            ExternalCommand.Result listing = Curl.run("--compressed", "-w", "\n%{size_download}",
                    engine.uri("/api/v1/files/static").toString());
            ExternalCommand.Result kernelHead = Curl.run("--compressed", "-I", engine.uri(KERNEL).toString());

            String[] parts = listing.stdout().split("\n");
            assertThat(parts[0]).startsWith("{\"path\":\"/static\"").contains("vmlinuz-debian-12");
            assertThat(Long.parseLong(parts[1])).isLessThan(parts[0].length());
            assertThat(kernelHead.stdout()).containsIgnoringCase("Content-Type: application/octet-stream")
                    .containsIgnoringCase("Content-Length: " + kernel.length)
                    .doesNotContainIgnoringCase("Content-Encoding");
        }
    }

    @Test
    void withoutTheOptionNothingIsCompressed() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b).start()) {
            HttpResponse<byte[]> listing = get(engine, "/api/v1/files/static", "Accept-Encoding", "gzip");

            assertThat(listing.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(new String(listing.body(), StandardCharsets.UTF_8)).startsWith("{\"path\":\"/static\"");
        }
    }

    private HttpResponse<byte[]> get(TestEngine engine, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(engine.uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
