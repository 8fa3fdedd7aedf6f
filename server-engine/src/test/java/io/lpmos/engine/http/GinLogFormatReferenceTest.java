package io.lpmos.engine.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.HttpAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link GoFormat} and {@link GinLogFormat} byte for byte with what real Go prints. The
 * expected values live in {@code gin-reference.tsv}, the committed output of
 * {@code src/test/go/ginref/main.go} (its header says how to regenerate it); Go is not needed to run
 * this test.
 *
 * <p>A Java {@code String} cannot hold invalid UTF-8. Such request paths reach the access log already
 * decoded by Jetty ({@link HttpURI#getDecodedPath()}), which replaces each maximal invalid subpart with
 * U+FFFD: Gin would print {@code "/\x80"}, this log prints {@code "/�"}. The {@code received} rows pin
 * that down with inputs for which Jetty's replacement equals Go's one-U+FFFD-per-byte conversion
 * (a truncated sequence such as {@code %E6%97} collapses to a single U+FFFD in Jetty).
 */
class GinLogFormatReferenceTest {
    private static final String RESOURCE = "gin-reference.tsv";
    private static final HexFormat HEX = HexFormat.of();

    /** One data line of the table: its line number and its tab-separated fields, as raw bytes. */
    record Row(int lineNumber, List<byte[]> fields) {
        String text(int index) {
            return decodeStrictly(fields.get(index), lineNumber);
        }

        byte[] hex(int index) {
            return HEX.parseHex(text(index));
        }

        long number(int index) {
            return Long.parseLong(text(index));
        }

        @Override
        public String toString() {
            return RESOURCE + ":" + lineNumber;
        }
    }

    private static final List<Row> ROWS = load();

    private static List<Row> load() {
        byte[] content;
        try (InputStream in = GinLogFormatReferenceTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("test resource %s", RESOURCE).isNotNull();
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start, content.length);
            lineNumber++;
            byte[] line = Arrays.copyOfRange(content, start, end < 0 ? content.length : end);
            start = end < 0 ? content.length : end + 1;
            if (line.length == 0 || line[0] == '#') {
                continue;
            }
            List<byte[]> fields = new ArrayList<>();
            int fieldStart = 0;
            while (true) {
                int tab = indexOf(line, (byte) '\t', fieldStart, line.length);
                fields.add(Arrays.copyOfRange(line, fieldStart, tab < 0 ? line.length : tab));
                if (tab < 0) {
                    break;
                }
                fieldStart = tab + 1;
            }
            rows.add(new Row(lineNumber, fields));
        }
        return rows;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String decodeStrictly(byte[] bytes, int lineNumber) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(RESOURCE + ":" + lineNumber + " is not valid UTF-8", e);
        }
    }

    static Stream<Arguments> rows(String kind) {
        return ROWS.stream().filter(row -> row.text(0).equals(kind)).map(row -> Arguments.of(row));
    }

    static Stream<Arguments> durationRows() {
        return rows("duration");
    }

    static Stream<Arguments> quoteRows() {
        return rows("quote");
    }

    static Stream<Arguments> receivedRows() {
        return rows("received");
    }

    static Stream<Arguments> ginRows() {
        return rows("gin");
    }

    @Test
    void tableCoversEveryKind() {
        assertThat(durationRows()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(quoteRows()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(receivedRows()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(ginRows()).hasSizeGreaterThanOrEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationRows")
    void durationPrintsAsGo(Row row) {
        long nanos = row.number(1);
        assertSameBytes(GoFormat.duration(nanos), row, 2);
        assertSameBytes(GoFormat.duration(Duration.ofNanos(nanos)), row, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quoteRows")
    void quotePrintsAsGo(Row row) {
        String input = new String(row.hex(1), UTF_8);
        assertSameBytes(GoFormat.quote(input), row, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivedRows")
    void invalidUtf8PathIsLoggedAsJettyDecodedIt(Row row) {
        byte[] raw = row.hex(1);
        String decodedByJetty = HttpURI.from(percentEncode(raw)).getDecodedPath();

        assertThat(decodedByJetty).contains("\uFFFD");
        assertSameBytes(GoFormat.quote(decodedByJetty), row, 3);
        assertThat(row.text(2)).as("what Gin prints for the raw bytes").contains("\\x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ginRows")
    void accessLineIsGinsDefaultFormat(Row row) {
        Instant time = Instant.ofEpochSecond(row.number(1), row.number(2));
        ZoneOffset zone = ZoneOffset.ofTotalSeconds((int) row.number(3));
        HttpAccess access = new HttpAccess(time, (int) row.number(4), Duration.ofNanos(row.number(5)),
                row.text(6), row.text(7), new String(row.hex(8), UTF_8), 0);

        assertSameBytes(new GinLogFormat(zone).format(access), row, 9);
    }

    @Test
    void loneSurrogateIsPrintedAsTheReplacementCharacter() {
        assertThat(GoFormat.quote("a\uD800b")).isEqualTo("\"a\uFFFDb\"");
        assertThat(GoFormat.quote("\uDC00")).isEqualTo("\"\uFFFD\"");
    }

    @Test
    void latencyBeyondLongNanosecondsSaturatesLikeGo() {
        HttpAccess access = new HttpAccess(Instant.EPOCH, 200, Duration.ofDays(365L * 1000), "127.0.0.1", "GET", "/", 0);

        assertThat(new GinLogFormat(ZoneOffset.UTC).format(access)).contains("| 2562047h47m16s |");
    }

    /** Readable comparison first, then the bytes themselves (the UTF-8 Java writes to stdout). */
    private static void assertSameBytes(String actual, Row row, int expectedField) {
        assertThat(actual).isEqualTo(row.text(expectedField));
        assertThat(actual.getBytes(UTF_8)).isEqualTo(row.fields().get(expectedField));
    }

    private static String percentEncode(byte[] path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : path) {
            int c = b & 0xff;
            if (c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(UTF_8));
            }
        }
        return out.toString(UTF_8);
    }
}
