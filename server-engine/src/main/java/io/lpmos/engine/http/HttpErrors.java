package io.lpmos.engine.http;

import io.lpmos.engine.files.PathRejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Short plain-text and JSON error responses; never a stack trace. */
final class HttpErrors {
    private HttpErrors() {
    }

    static void text(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
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
