package io.lpmos.engine.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;

/**
 * {@code --gzip}, as nginx's {@code gzip on; gzip_types ...} recipe did it: JSON, HTML, XML, CSS,
 * JavaScript and plain-text responses of GET requests are gzip-compressed for clients that send
 * {@code Accept-Encoding: gzip}; every other type (kernels, initramfs, ISOs, packages, which are
 * octet-stream or already compressed) keeps its exact Content-Length. Requests with a {@code Range}
 * header bypass compression: a compressed body would not match the byte offsets of the
 * Content-Range the file handler computed (nginx does not compress 206 answers either).
 * Thread-safe; one instance serves every request.
 */
final class TextCompression extends Handler.Wrapper {
    static final String[] COMPRESSED_TYPES = {"application/json", "text/plain", "text/html", "text/css",
            "text/xml", "application/xml", "application/javascript"};
    /** Smaller bodies gain nothing from gzip. */
    static final int MIN_SIZE = 256;

    private final Handler uncompressed;

    TextCompression(Handler next) {
        super(gzip(next));
        this.uncompressed = next;
    }

    /**
     * Jetty 12.1 marks GzipHandler for removal (in Jetty 13) in favour of the jetty-compression
     * modules' CompressionHandler; it is kept while the engine is on Jetty 12 because it ships in
     * jetty-server and does all that {@code --gzip} needs. Moving means only replacing this method.
     */
    @SuppressWarnings("removal")
    private static Handler gzip(Handler next) {
        GzipHandler gzip = new GzipHandler(next);
        gzip.setIncludedMimeTypes(COMPRESSED_TYPES);
        gzip.setIncludedMethods("GET");
        gzip.setMinGzipSize(MIN_SIZE);
        return gzip;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(HttpHeader.RANGE)) {
            return uncompressed.handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }
}
