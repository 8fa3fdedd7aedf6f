package io.lpmos.engine.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict reader of {@code multipart/byteranges} bodies (RFC 9110 §14.6, RFC 2046 §5.1): every part
 * must be framed by the boundary exactly, and the body must end with the close delimiter.
 */
final class MultipartByteranges {
    private MultipartByteranges() {
    }

    /** One body part: its headers (names lower-cased) and content bytes. */
    record Part(Map<String, String> headers, byte[] content) {
        String contentRange() {
            return headers.get("content-range");
        }

        String contentType() {
            return headers.get("content-type");
        }
    }

    /** The boundary parameter of a {@code multipart/byteranges; boundary=...} content type. */
    static String boundary(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/byteranges")) {
            throw new IllegalArgumentException("not multipart/byteranges: " + contentType);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = parameter.substring("boundary=".length());
                return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        throw new IllegalArgumentException("no boundary in " + contentType);
    }

    static List<Part> parse(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        String separator = "\r\n" + delimiter;
        if (!text.startsWith(delimiter)) {
            throw new IllegalArgumentException("body does not start with the boundary");
        }
        List<Part> parts = new ArrayList<>();
        int position = delimiter.length();
        while (true) {
            if (text.startsWith("--", position)) {
                if (!text.substring(position + 2).equals("\r\n") && !text.substring(position + 2).isEmpty()) {
                    throw new IllegalArgumentException("bytes after the close delimiter");
                }
                return parts;
            }
            if (!text.startsWith("\r\n", position)) {
                throw new IllegalArgumentException("boundary not followed by CRLF at " + position);
            }
            int headersEnd = text.indexOf("\r\n\r\n", position);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("part without a header end");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(position + 2, headersEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int contentStart = headersEnd + 4;
            int contentEnd = text.indexOf(separator, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("part not closed by a boundary");
            }
            byte[] content = new byte[contentEnd - contentStart];
            System.arraycopy(body, contentStart, content, 0, content.length);
            parts.add(new Part(headers, content));
            position = contentEnd + separator.length();
        }
    }
}
