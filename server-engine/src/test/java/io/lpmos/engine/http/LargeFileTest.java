package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse 5 GiB ISO: lengths and offsets beyond 2^31 and 2^32 stay exact, and a range near the end
 * is answered without the file being read from the start.
 */
@Timeout(120)
class LargeFileTest {
    private static final long SIZE = 5L << 30;
    private static final long FOUR_GIB = 1L << 32;
    private static final String ISO = "/static/iso/big.iso";
    private static final byte[] AT_FOUR_GIB = "marker-across-the-4GiB-boundary".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AT_END = "the-last-bytes-of-the-iso".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path temp;
    static RunningEngine server;

    @BeforeAll
    static void createSparseIso() throws IOException {
        Path root = temp.resolve("tftpboot");
        server = RunningEngine.start(root);
        Path iso = root.resolve("static/iso/big.iso");
        Files.createDirectories(iso.getParent());
        try (RandomAccessFile file = new RandomAccessFile(iso.toFile(), "rw")) {
            file.setLength(SIZE);
            file.seek(FOUR_GIB - 10);
            file.write(AT_FOUR_GIB);
            file.seek(SIZE - AT_END.length);
            file.write(AT_END);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void headReportsTheExactLength() throws Exception {
        HttpResponse<byte[]> response = server.head(ISO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-iso9660-image");
    }

    @Test
    void getAnnouncesTheExactLengthAndSurvivesAClientThatLeaves() throws Exception {
        RawHttp.Response response = RawHttp.headersOnly(server.port(),
                "GET " + ISO + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
        assertThat(server.head(ISO).statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(20)
    void suffixRangeReturnsTheLastBytes() throws Exception {
        HttpResponse<byte[]> response = server.get(ISO, "Range", "bytes=-" + AT_END.length);

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (SIZE - AT_END.length) + "-" + (SIZE - 1) + "/" + SIZE);
        assertThat(response.body()).isEqualTo(AT_END);
    }

    @Test
    @Timeout(20)
    void rangeAcrossTheFourGibBoundaryIsExact() throws Exception {
        long first = FOUR_GIB - 10;
        long last = first + AT_FOUR_GIB.length - 1;

        HttpResponse<byte[]> response = server.get(ISO, "Range", "bytes=" + first + "-" + last);

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(AT_FOUR_GIB.length));
        assertThat(response.body()).isEqualTo(AT_FOUR_GIB);
    }

    @Test
    @Timeout(20)
    void openRangeNearTheEndAndMultipleRangesBeyondTwoGib() throws Exception {
        long first = SIZE - 200_000;
        HttpResponse<byte[]> tail = server.get(ISO, "Range", "bytes=" + first + "-");
        HttpResponse<byte[]> multi = server.get(ISO, "Range",
                "bytes=" + (FOUR_GIB - 10) + "-" + (FOUR_GIB + 20) + "," + (SIZE - AT_END.length) + "-");

        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).hasSize(200_000);
        assertThat(new String(tail.body(), StandardCharsets.US_ASCII)).endsWith(new String(AT_END, StandardCharsets.US_ASCII));
        assertThat(multi.statusCode()).isEqualTo(206);
        List<MultipartByteranges.Part> parts = MultipartByteranges.parse(multi.body(),
                MultipartByteranges.boundary(multi.headers().firstValue("Content-Type").orElseThrow()));
        assertThat(parts).extracting(MultipartByteranges.Part::contentRange).containsExactly(
                "bytes " + (FOUR_GIB - 10) + "-" + (FOUR_GIB + 20) + "/" + SIZE,
                "bytes " + (SIZE - AT_END.length) + "-" + (SIZE - 1) + "/" + SIZE);
        assertThat(parts.get(0).content()).startsWith(AT_FOUR_GIB);
        assertThat(parts.get(1).content()).isEqualTo(AT_END);
    }

    @Test
    void rangeBeyondTheEndIs416WithTheFullSize() throws Exception {
        HttpResponse<byte[]> response = server.get(ISO, "Range", "bytes=" + SIZE + "-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);
    }
}
