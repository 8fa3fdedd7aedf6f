package io.lpmos.engine.http;

import io.lpmos.engine.files.SafePathResolver;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * The URL space of the regional client: {@code /static/**}, {@code /repos/**} and {@code /boot/**}
 * (files; {@code /boot/} holds the network bootloaders and iPXE scripts, SPEC §2), and
 * {@code /api/v1/files/{static,repos}[/sub]} (JSON listings). Everything else is Gin's
 * "404 page not found". Runs on Jetty's selector threads (non-blocking): file requests are answered
 * there directly, listings are dispatched to the thread pool ({@link BlockingWork}).
 */
final class EngineRoutes extends Handler.Abstract.NonBlocking {
    static final String STATIC = "/static";
    static final String REPOS = "/repos";
    static final String BOOT = "/boot";
    static final String LISTING = "/api/v1/files";

    private final StaticFileHandler staticFiles;
    private final StaticFileHandler repoFiles;
    private final StaticFileHandler bootFiles;
    private final FileListing listing;
    private final SafePathResolver staticTree;
    private final SafePathResolver repoTree;

    EngineRoutes(SafePathResolver staticTree, SafePathResolver repoTree, StaticFileHandler staticFiles,
                 StaticFileHandler repoFiles, StaticFileHandler bootFiles, FileListing listing) {
        this.staticTree = staticTree;
        this.repoTree = repoTree;
        this.staticFiles = staticFiles;
        this.repoFiles = repoFiles;
        this.bootFiles = bootFiles;
        this.listing = listing;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = decodedPathInContext(request);
        if (path == null) {
            HttpErrors.text(response, callback, HttpStatus.BAD_REQUEST_400, "400 bad request");
        } else if (under(path, STATIC)) {
            staticFiles.handle(request, response, callback, path, path.substring(STATIC.length()));
        } else if (under(path, REPOS)) {
            repoFiles.handle(request, response, callback, path, path.substring(REPOS.length()));
        } else if (under(path, BOOT)) {
            bootFiles.handle(request, response, callback, path, path.substring(BOOT.length()));
        } else if (under(path, LISTING + STATIC)) {
            String sub = path.substring(LISTING.length() + STATIC.length());
            BlockingWork.dispatch(request, callback, () -> listing.handle(request, response, callback, staticTree, STATIC, sub));
        } else if (under(path, LISTING + REPOS)) {
            String sub = path.substring(LISTING.length() + REPOS.length());
            BlockingWork.dispatch(request, callback, () -> listing.handle(request, response, callback, repoTree, REPOS, sub));
        } else {
            HttpErrors.text(response, callback, HttpStatus.NOT_FOUND_404, "404 page not found");
        }
        return true;
    }

    /**
     * The request path below the context, percent-decoded ({@code %20} → space), or {@code null} when
     * it cannot be decoded. Jetty's own path is canonical but still encoded, while files are named
     * in decoded form; dot segments were already removed or refused by Jetty's URI compliance.
     */
    private static String decodedPathInContext(Request request) {
        String encoded = Request.getPathInContext(request);
        if (encoded == null) {
            return null;
        }
        try {
            return URIUtil.decodePath(encoded);
        } catch (IllegalArgumentException badEncoding) {
            return null;
        }
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
