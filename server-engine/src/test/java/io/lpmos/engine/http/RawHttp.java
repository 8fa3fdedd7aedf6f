package io.lpmos.engine.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain loopback socket, so that no client library normalizes or rejects the request
 * target. Reads the whole answer until the server closes the connection (requests say
 * {@code Connection: close}), or at most {@link #MAX_BYTES}; every read is bounded by a timeout.
 */
final class RawHttp {
    static final int MAX_BYTES = 1 << 20;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** A response as received: status, headers (names lower-cased, last value wins) and raw body bytes. */
    record Response(int status, Map<String, String> headers, byte[] body, String wire) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream(), MAX_BYTES));
        }
    }

    /** Sends {@code request} and returns the status and headers only, closing the socket before the body. */
    static Response headersOnly(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length && head.size() < MAX_BYTES) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            return parse(head.toByteArray());
        }
    }

    private static byte[] readAll(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (all.size() < limit && (n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] bytes) {
        String wire = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = wire.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? wire : wire.substring(0, headEnd);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length >= 2 && statusLine[0].startsWith("HTTP/") ? Integer.parseInt(statusLine[1]) : -1;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = new byte[0];
        if (headEnd >= 0) {
            body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        }
        return new Response(status, headers, body, wire);
    }
}
