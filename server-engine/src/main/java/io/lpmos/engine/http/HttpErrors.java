package io.lpmos.engine.http;

import io.lpmos.engine.files.PathRejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Short plain-text and JSON error responses; never a stack trace. */
final class HttpErrors {
    private HttpErrors() {
    }

    /** Answers {@code status} with {@code message} as a text line; to HEAD, the headers only. */
    static void text(Response response, Callback callback, int status, String message) {
        send(response, callback, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a complete small body with its exact Content-Length. A HEAD request gets the same headers
     * and no body, so that the access log counts only bytes that were really sent.
     */
    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = HttpMethod.HEAD.is(response.getRequest().getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }

    static int status(PathRejectedException e) {
        return switch (e.reason()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST_400;
            case FORBIDDEN -> HttpStatus.FORBIDDEN_403;
            case NOT_FOUND -> HttpStatus.NOT_FOUND_404;
        };
    }

    /** The plain-text answer for a refused path: 400, 403 or 404 (Gin's "404 page not found"). */
    static void rejected(Response response, Callback callback, PathRejectedException e) {
        int status = status(e);
        String message = switch (status) {
            case HttpStatus.NOT_FOUND_404 -> "404 page not found";
            case HttpStatus.FORBIDDEN_403 -> "403 forbidden";
            default -> "400 bad request";
        };
        text(response, callback, status, message);
    }
}
