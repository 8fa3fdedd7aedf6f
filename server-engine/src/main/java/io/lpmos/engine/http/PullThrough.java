package io.lpmos.engine.http;

import io.lpmos.engine.EngineVersion;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.files.PathRejectedException;
import io.lpmos.engine.files.SafePathResolver;
import io.lpmos.engine.mirror.DebianReleaseChecksums;
import io.lpmos.engine.net.ByteSize;
import io.lpmos.engine.net.IoFailures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull-through mirrors for {@code /repos} (SPEC §3): a file missing under {@code /repos/<distro>/} of
 * a distro with a configured upstream is fetched from {@code <upstream>/<rest of the path>}, streamed
 * to the client while it is written to {@code <name>.part}, and renamed into place only when complete,
 * so the next client gets it from disk. Concurrent requests for one file share one upstream fetch (a
 * registry of in-flight fetches by target path); every client follows the growing {@code .part} at its
 * own pace ({@link PulledBody}), so a slow client never slows the download for the others. A file for
 * which the repository's {@code InRelease}/{@code Release} on disk (or its by-hash name) gives a SHA-256
 * is kept only if it matches. A HEAD for a missing file is forwarded as an upstream HEAD and downloads
 * nothing.
 *
 * <p>A Jetty {@link ContainerLifeCycle}: added as a bean of the HTTP server, its HTTP client (and that
 * client's threads) start and stop with the server; stopping aborts in-flight downloads, whose
 * {@code .part} files are removed. {@link #handleMissing} is thread-safe.
 */
final class PullThrough extends ContainerLifeCycle implements StaticFileHandler.MissingFileHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PullThrough.class);
    static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    static final long IDLE_TIMEOUT_MILLIS = 30_000;
    private static final String SOURCE = "http";

    private final Map<String, URI> upstreams;
    private final SafePathResolver repoTree;
    private final MimeTypes mimeTypes;
    private final long bytesPerSecond;
    private final EventBus bus;
    private final HttpClient client;
    /** Downloads in progress by target path; guarded by itself. */
    private final Map<Path, UpstreamFetch> inFlight = new HashMap<>();
    private final UpstreamFetch.Owner owner = new Registry();

    /**
     * @param upstreams      distro (first path segment under /repos) → upstream base URL (http or https)
     * @param repoTree       the {@code <root>/repos} tree files are written into
     * @param mimeTypes      Content-Type by file name, as for files on disk
     * @param bytesPerSecond per-connection rate limit for clients; 0: none
     */
    PullThrough(Map<String, URI> upstreams, SafePathResolver repoTree, MimeTypes mimeTypes, long bytesPerSecond,
                EventBus bus) {
        this.upstreams = Map.copyOf(upstreams);
        this.repoTree = repoTree;
        this.mimeTypes = mimeTypes;
        this.bytesPerSecond = bytesPerSecond;
        this.bus = bus;
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("pull-through");
        this.client = new HttpClient();
        client.setExecutor(threads);
        client.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        client.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        client.setFollowRedirects(true);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "lpmos-regional-client/" + EngineVersion.get()));
        addBean(client);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Bytes must be kept exactly as the mirror publishes them: no Accept-Encoding, no decoding.
        client.getContentDecoderFactories().clear();
    }

    @Override
    protected void doStop() throws Exception {
        List<UpstreamFetch> running;
        synchronized (inFlight) {
            running = new ArrayList<>(inFlight.values());
        }
        for (UpstreamFetch fetch : running) {
            fetch.abort("the HTTP service is stopping");
        }
        super.doStop();
    }

    @Override
    public boolean handleMissing(String relativePath, Request request, Response response, Callback callback) {
        if (relativePath.endsWith("/")) {
            return false;
        }
        String path = stripLeadingSlashes(relativePath);
        int slash = path.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String distro = path.substring(0, slash);
        URI upstream = upstreams.get(distro);
        if (upstream == null) {
            return false;
        }
        Path target;
        try {
            target = repoTree.lexical(relativePath);
        } catch (PathRejectedException e) {
            return false;
        }
        String rest = repoTree.root().resolve(distro).relativize(target).toString()
                .replace(target.getFileSystem().getSeparator(), "/");
        URI source = URI.create(stripTrailingSlashes(upstream.toString()) + "/" + URIUtil.encodePath(rest));
        String urlPath = EngineRoutes.REPOS + "/" + distro + "/" + rest;
        String contentType = StaticFileHandler.contentType(mimeTypes, target);

        if (HttpMethod.HEAD.is(request.getMethod())) {
            forwardHead(source, urlPath, contentType, response, callback);
            return true;
        }

        UpstreamFetch fetch;
        boolean leader = false;
        synchronized (inFlight) {
            fetch = inFlight.get(target);
            if (fetch == null) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                fetch = new UpstreamFetch(target, source, urlPath, owner);
                inFlight.put(target, fetch);
                leader = true;
            }
        }
        new PulledBody(fetch, request, response, callback, contentType, bytesPerSecond).iterate();
        if (leader) {
            fetch.start(client, IDLE_TIMEOUT_MILLIS);
        }
        return true;
    }

    private void forwardHead(URI source, String urlPath, String contentType, Response response, Callback callback) {
        client.newRequest(source)
                .method(HttpMethod.HEAD)
                .idleTimeout(IDLE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .send(result -> {
                    if (result.isFailed()) {
                        String reason = IoFailures.describe(result.getFailure());
                        LOG.warn("pull-through HEAD {} from {} failed: {}", urlPath, source, reason);
                        HttpErrors.text(response, callback, HttpStatus.BAD_GATEWAY_502, "502 bad gateway: " + reason);
                        return;
                    }
                    int status = result.getResponse().getStatus();
                    if (status == HttpStatus.NOT_FOUND_404 || status == HttpStatus.GONE_410) {
                        HttpErrors.text(response, callback, HttpStatus.NOT_FOUND_404, "404 page not found");
                    } else if (status != HttpStatus.OK_200) {
                        LOG.warn("pull-through HEAD {} from {} failed: upstream answered {}", urlPath, source, status);
                        HttpErrors.text(response, callback, HttpStatus.BAD_GATEWAY_502,
                                "502 bad gateway: upstream answered " + status);
                    } else {
                        response.setStatus(HttpStatus.OK_200);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
                        String length = result.getResponse().getHeaders().get(HttpHeader.CONTENT_LENGTH);
                        if (length != null) {
                            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
                        }
                        String modified = result.getResponse().getHeaders().get(HttpHeader.LAST_MODIFIED);
                        if (modified != null) {
                            response.getHeaders().put(HttpHeader.LAST_MODIFIED, modified);
                        }
                        response.write(true, null, callback);
                    }
                });
    }

    private static String stripLeadingSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    /** Prepares folders for fetches, reports ended ones and removes them from the registry (after the rename, for completed ones). */
    private final class Registry implements UpstreamFetch.Owner {
        /**
         * Creates the missing folders above {@code target} one by one, refusing any existing one whose
         * real path (symlinks followed) leaves the repository tree, so nothing is ever created outside it.
         */
        @Override
        public void prepareFolders(Path target) throws IOException {
            Path realRoot = repoTree.root().toRealPath();
            Path dir = repoTree.root();
            for (Path name : repoTree.root().relativize(target.getParent())) {
                dir = dir.resolve(name);
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException exists) {
                    Path real = dir.toRealPath();
                    if (!real.startsWith(realRoot)) {
                        throw new IOException(dir + " leads outside " + repoTree.root());
                    }
                    if (!Files.isDirectory(real)) {
                        throw new IOException(dir + " is not a folder");
                    }
                }
            }
        }

        @Override
        public DebianReleaseChecksums.Expected expectedChecksum(Path target) {
            Path relative = repoTree.root().relativize(target);
            Path distroRoot = repoTree.root().resolve(relative.getName(0));
            try {
                return DebianReleaseChecksums.find(distroRoot, target).orElse(null);
            } catch (IOException e) {
                LOG.warn("cannot read the checksums for {} ({}); it is pulled unverified", target,
                        IoFailures.describe(e));
                return null;
            }
        }

        @Override
        public void completed(UpstreamFetch fetch, long bytes) {
            forget(fetch);
            String verified = fetch.verifiedAgainst() == null ? "" : ", sha256 verified against " + fetch.verifiedAgainst();
            String text = "pulled " + fetch.urlPath() + " from " + fetch.source() + " (" + ByteSize.format(bytes) + verified + ")";
            LOG.debug("{}", text);
            bus.publish(Notice.info(SOURCE, text));
        }

        @Override
        public void failed(UpstreamFetch fetch, int status, String reason) {
            forget(fetch);
            if (status == HttpStatus.NOT_FOUND_404) {
                LOG.debug("pull-through of {}: {} has no such file", fetch.urlPath(), fetch.source());
            } else {
                LOG.warn("pull-through of {} from {} failed: {}", fetch.urlPath(), fetch.source(), reason);
            }
        }

        private void forget(UpstreamFetch fetch) {
            synchronized (inFlight) {
                inFlight.remove(fetch.target(), fetch);
            }
        }
    }
}
