package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET/HEAD of files and folders under /static, /repos and /boot against the real HTTP service (SPEC §3). */
class StaticFileServingTest {
    private static final String KERNEL = "/static/kernels/vmlinuz-ubuntu-22.04";
    private static final int KERNEL_SIZE = 300_000;
    private static final Instant KERNEL_MODIFIED = Instant.parse("2024-01-02T03:04:05Z");
    private static final String KERNEL_LAST_MODIFIED = "Tue, 02 Jan 2024 03:04:05 GMT";
    private static final String ODD_NAME = "<b>&x.txt";

    @TempDir
    static Path temp;
    static RunningEngine server;
    static byte[] kernel;

    @BeforeAll
    static void startServer() throws IOException {
        Path root = temp.resolve("tftpboot");
        server = RunningEngine.start(root);
        kernel = new byte[KERNEL_SIZE];
        new Random(42).nextBytes(kernel);
        Path kernelFile = root.resolve("static/kernels/vmlinuz-ubuntu-22.04");
        Files.write(kernelFile, kernel);
        Files.setLastModifiedTime(kernelFile, FileTime.from(KERNEL_MODIFIED));
        Files.write(root.resolve("static/initramfs/initramfs"), new byte[1000]);
        Files.write(root.resolve("static/initramfs/lpmos-agent-initramfs.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        Files.createDirectories(root.resolve("static/docs"));
        Files.writeString(root.resolve("static/docs/index.html"), "<html><body>hi</body></html>");
        Files.writeString(root.resolve("static/docs/notes.txt"), "notes");
        Files.writeString(root.resolve("static/docs/data.json"), "{\"a\":1}");
        Files.write(root.resolve("static/docs/ubuntu-22.04.iso"), new byte[2048]);
        Files.write(root.resolve("static/empty.bin"), new byte[0]);
        Files.createDirectories(root.resolve("static/odd"));
        Files.writeString(root.resolve("static/odd").resolve(ODD_NAME), "odd");
        Files.createDirectories(root.resolve("repos/ubuntu/22.04/dists/jammy"));
        Files.writeString(root.resolve("repos/ubuntu/22.04/dists/jammy/Release"), "Origin: Ubuntu\n");
        Files.writeString(root.resolve("boot/boot.ipxe"), "#!ipxe\nchain http://${next-server}:8081/static/menu.ipxe\n");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void kernelIsServedWholeWithExactLengthAndValidators() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(KERNEL_SIZE));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Last-Modified")).hasValue(KERNEL_LAST_MODIFIED);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(etag ->
                assertThat(etag).matches("\"[^\"]+\""));
        assertThat(response.body()).isEqualTo(kernel);
    }

    @Test
    void bootloadersAndIpxeScriptsAreServedFromTheBootFolder() throws Exception {
        HttpResponse<byte[]> response = server.get("/boot/boot.ipxe");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("#!ipxe\n");
        assertThat(server.get("/boot/missing.efi").statusCode()).isEqualTo(404);
        assertThat(server.get("/boot/%2e%2e/README.md").statusCode()).isEqualTo(400);
    }

    @Test
    void repoFilesAreServedFromTheReposTree() throws Exception {
        HttpResponse<byte[]> response = server.get("/repos/ubuntu/22.04/dists/jammy/Release");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("Origin: Ubuntu\n");
    }

    @ParameterizedTest
    @CsvSource({
            "/static/kernels/vmlinuz-ubuntu-22.04, application/octet-stream",
            "/static/initramfs/initramfs, application/octet-stream",
            "/static/initramfs/lpmos-agent-initramfs.gz, application/gzip",
            "/static/docs/index.html, text/html",
            "/static/docs/notes.txt, text/plain",
            "/static/docs/data.json, application/json",
            "/static/docs/ubuntu-22.04.iso, application/x-iso9660-image"})
    void contentTypeFollowsTheExtension(String path, String mediaType) throws Exception {
        HttpResponse<byte[]> response = server.head(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().split(";")[0].trim()).isEqualTo(mediaType);
    }

    @Test
    void curlHeadOnAKernelShowsStatusTypeAndExactLength() throws Exception {
        ExternalTool.assumeInstalled("curl");

        ExternalTool.Result curl = ExternalTool.run("curl", "-sS", "-I", "--max-time", "20", server.uri(KERNEL).toString());

        assertThat(curl.exitCode()).as(curl.stderr()).isZero();
        List<String> lines = curl.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(lines).containsSubsequence("Content-Type: application/octet-stream")
                .anyMatch(line -> line.equalsIgnoreCase("Content-Length: " + KERNEL_SIZE))
                .anyMatch(line -> line.equalsIgnoreCase("Accept-Ranges: bytes"))
                .anyMatch(line -> line.equalsIgnoreCase("Last-Modified: " + KERNEL_LAST_MODIFIED));
    }

    @Test
    void curlDownloadsARangeExactly() throws Exception {
        ExternalTool.assumeInstalled("curl");
        Path out = temp.resolve("curl-range.bin");

        ExternalTool.Result curl = ExternalTool.run("curl", "-sS", "--max-time", "20", "-r", "1000-1999",
                "-o", out.toString(), "-w", "%{http_code} %{size_download}", server.uri(KERNEL).toString());

        assertThat(curl.exitCode()).as(curl.stderr()).isZero();
        assertThat(curl.stdout()).isEqualTo("206 1000");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(kernel, 1000, 2000));
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() throws Exception {
        RawHttp.Response head = RawHttp.exchange(server.port(),
                "HEAD " + KERNEL + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(KERNEL_SIZE));
        assertThat(head.header("ETag")).isEqualTo(server.get(KERNEL).headers().firstValue("ETag").orElseThrow());
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headOfAMissingFileHasNoBody() throws Exception {
        RawHttp.Response head = RawHttp.exchange(server.port(),
                "HEAD /static/nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s", "\"other\", %s", "W/%s", "*", "\"a\",%s,\"b\""})
    void ifNoneMatchWithOurTagGives304(String headerTemplate) throws Exception {
        String etag = etag();

        HttpResponse<byte[]> response = server.get(KERNEL, "If-None-Match", headerTemplate.formatted(etag));

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void ifNoneMatchWithOtherTagsGivesTheFile() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "If-None-Match", "\"stale\", \"older\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(kernel);
    }

    @ParameterizedTest
    @ValueSource(strings = {KERNEL_LAST_MODIFIED, "Wed, 03 Jan 2024 00:00:00 GMT"})
    void ifModifiedSinceAtOrAfterTheFileTimeGives304(String date) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "If-Modified-Since", date);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tue, 02 Jan 2024 03:04:04 GMT", "Thu, 01 Jan 2015 00:00:00 GMT", "not a date"})
    void ifModifiedSinceBeforeTheFileTimeOrInvalidGivesTheFile(String date) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "If-Modified-Since", date);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(KERNEL_SIZE);
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() throws Exception {
        HttpResponse<byte[]> changedTag = server.get(KERNEL, "If-None-Match", "\"stale\"",
                "If-Modified-Since", "Wed, 03 Jan 2024 00:00:00 GMT");
        HttpResponse<byte[]> sameTag = server.get(KERNEL, "If-None-Match", etag(),
                "If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT");

        assertThat(changedTag.statusCode()).isEqualTo(200);
        assertThat(sameTag.statusCode()).isEqualTo(304);
    }

    @Test
    void ifMatchMismatchGives412() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "If-Match", "\"stale\"");

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(new String(kernel, 0, 64,
                StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s", "*", "\"stale\", %s"})
    void ifMatchWithOurTagGivesTheFile(String headerTemplate) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "If-Match", headerTemplate.formatted(etag()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(kernel);
    }

    @Test
    void ifMatchNeedsAStrongComparison() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "If-Match", "W/" + etag());

        assertThat(response.statusCode()).isEqualTo(412);
    }

    @Test
    void ifUnmodifiedSinceInThePastGives412AndInTheFutureTheFile() throws Exception {
        HttpResponse<byte[]> past = server.get(KERNEL, "If-Unmodified-Since", "Thu, 01 Jan 2015 00:00:00 GMT");
        HttpResponse<byte[]> future = server.get(KERNEL, "If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT");

        assertThat(past.statusCode()).isEqualTo(412);
        assertThat(future.statusCode()).isEqualTo(200);
        assertThat(future.body()).isEqualTo(kernel);
    }

    @ParameterizedTest
    @CsvSource({
            "bytes=0-99, 0, 99",
            "bytes=0-0, 0, 0",
            "bytes=131000-131999, 131000, 131999",
            "bytes=299000-, 299000, 299999",
            "bytes=100-, 100, 299999",
            "bytes=-500, 299500, 299999",
            "bytes=-1000000, 0, 299999",
            "bytes=299990-999999, 299990, 299999",
            "BYTES=5-9, 5, 9"})
    void singleRangeGives206WithExactBytes(String range, long first, long last) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", range);

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes " + first + "-" + last + "/" + KERNEL_SIZE);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(last - first + 1));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(kernel, (int) first, (int) last + 1));
    }

    @Test
    void multipleRangesGiveAMultipartByterangesBody() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", "bytes=0-9, 200000-200099,-5");

        assertThat(response.statusCode()).isEqualTo(206);
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length));
        List<MultipartByteranges.Part> parts = MultipartByteranges.parse(response.body(),
                MultipartByteranges.boundary(contentType));
        assertThat(parts).hasSize(3);
        assertPart(parts.get(0), 0, 9);
        assertPart(parts.get(1), 200_000, 200_099);
        assertPart(parts.get(2), KERNEL_SIZE - 5, KERNEL_SIZE - 1);
    }

    @Test
    void multipleLargeRangesAreStreamedAcrossBufferBoundaries() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", "bytes=1-140000,150000-299998");

        assertThat(response.statusCode()).isEqualTo(206);
        List<MultipartByteranges.Part> parts = MultipartByteranges.parse(response.body(),
                MultipartByteranges.boundary(response.headers().firstValue("Content-Type").orElseThrow()));
        assertThat(parts).hasSize(2);
        assertPart(parts.get(0), 1, 140_000);
        assertPart(parts.get(1), 150_000, 299_998);
    }

    @Test
    void multipleRangesWithOnlyOneSatisfiableGiveASingleRange() throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", "bytes=10-19,400000-");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + KERNEL_SIZE);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(kernel, 10, 20));
    }

    private static void assertPart(MultipartByteranges.Part part, int first, int last) {
        assertThat(part.contentType()).isEqualTo("application/octet-stream");
        assertThat(part.contentRange()).isEqualTo("bytes " + first + "-" + last + "/" + KERNEL_SIZE);
        assertThat(part.content()).isEqualTo(Arrays.copyOfRange(kernel, first, last + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=300000-", "bytes=300000-300010", "bytes=999999-", "bytes=-0", "bytes=400000-,500000-"})
    void unsatisfiableRangeGives416WithTheSize(String range) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", range);

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + KERNEL_SIZE);
        assertThat(response.body()).hasSizeLessThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=abc", "bytes=5-1", "items=0-1", "bytes=", "bytes=-", "bytes=--1", "bytes=1-2-3",
            "bytes=0-1,,", "bytes=99999999999999999999-", "0-1"})
    void invalidRangeSyntaxIsIgnored(String range) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", range);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(KERNEL_SIZE));
        assertThat(response.body()).isEqualTo(kernel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-,0-", "bytes=-200000,0-150000", "bytes=0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,"
            + "0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0"})
    void amplifyingRangesGiveTheWholeFileOnce(String range) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", range);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(kernel);
    }

    @Test
    void ifRangeWithTheCurrentTagOrDateGivesThePart() throws Exception {
        HttpResponse<byte[]> byTag = server.get(KERNEL, "Range", "bytes=0-9", "If-Range", etag());
        HttpResponse<byte[]> byDate = server.get(KERNEL, "Range", "bytes=0-9", "If-Range", KERNEL_LAST_MODIFIED);

        assertThat(byTag.statusCode()).isEqualTo(206);
        assertThat(byTag.body()).isEqualTo(Arrays.copyOfRange(kernel, 0, 10));
        assertThat(byDate.statusCode()).isEqualTo(206);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0-0\"", "W/%s", "Mon, 01 Jan 2024 03:04:05 GMT", "garbage"})
    void ifRangeWithAnOldTagOrOtherDateGivesTheWholeFile(String ifRange) throws Exception {
        HttpResponse<byte[]> response = server.get(KERNEL, "Range", "bytes=0-9", "If-Range", ifRange.formatted(etag()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(kernel);
    }

    @Test
    void emptyFileIsServedWithLengthZero() throws Exception {
        HttpResponse<byte[]> response = server.get("/static/empty.bin");
        HttpResponse<byte[]> ranged = server.get("/static/empty.bin", "Range", "bytes=0-");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(response.body()).isEmpty();
        assertThat(ranged.statusCode()).isEqualTo(416);
        assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes */0");
    }

    @ParameterizedTest
    @CsvSource({
            "/static/kernels, /static/kernels/",
            "/static, /static/",
            "/repos/ubuntu?x=1, /repos/ubuntu/?x=1"})
    void folderWithoutTrailingSlashRedirectsToTheSlash(String target, String location) throws Exception {
        HttpResponse<byte[]> response = server.get(target);

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(value ->
                assertThat(value).endsWith(location));
    }

    @Test
    void folderIndexListsEntriesWithEscapedNames() throws Exception {
        HttpResponse<byte[]> response = server.get("/static/odd/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("Index of /static/odd/")
                .contains("<a href=\"%3Cb%3E%26x.txt\">&lt;b&gt;&amp;x.txt</a>")
                .doesNotContain(ODD_NAME);
        assertThat(server.get("/static/odd/%3Cb%3E%26x.txt").body()).asString().isEqualTo("odd");
    }

    @Test
    void folderIndexListsFoldersFirstThenFilesWithSizes() throws Exception {
        HttpResponse<byte[]> response = server.get("/static/");

        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(html).containsSubsequence("<a href=\"../\">../</a>", "<a href=\"docs/\">docs/</a>",
                "<a href=\"initramfs/\">initramfs/</a>", "<a href=\"kernels/\">kernels/</a>",
                "<a href=\"odd/\">odd/</a>", "<a href=\"empty.bin\">empty.bin</a>");
        assertThat(server.get("/static/kernels/").body()).asString()
                .containsPattern("vmlinuz-ubuntu-22\\.04</a> +02-Jan-2024 03:04 +" + KERNEL_SIZE + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethodsOnFilesGive405WithAllow(String method) throws Exception {
        HttpResponse<byte[]> response = server.send(method, KERNEL);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/files", "/api/v1/other", "/staticfoo", "/static-x/a", "/index.html"})
    void unknownRoutesGiveGinsNotFound(String target) throws Exception {
        HttpResponse<byte[]> response = server.get(target);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8).trim()).isEqualTo("404 page not found");
    }

    @Test
    void missingFileGives404() throws Exception {
        HttpResponse<byte[]> response = server.get("/static/kernels/vmlinuz-missing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8).trim()).isEqualTo("404 page not found");
    }

    private static String etag() throws IOException, InterruptedException {
        return server.head(KERNEL).headers().firstValue("ETag").orElseThrow();
    }
}
