package io.lpmos.engine.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (a request it refuses to parse: {@code %2e%2e}, encoded separators, bad
 * UTF-8, an overlong URI) answered like our own: a short plain-text body such as
 * {@code 400 bad request}, with no HTML page echoing the hostile URL and never a stack trace.
 */
final class PlainErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        String reason = HttpStatus.getMessage(status);
        String message = status + " " + (reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT));
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, null, callback);
        } else {
            HttpErrors.text(response, callback, status, message);
        }
        return true;
    }
}
