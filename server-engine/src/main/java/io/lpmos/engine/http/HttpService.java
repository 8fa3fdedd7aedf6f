package io.lpmos.engine.http;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.files.SafePathResolver;
import io.lpmos.engine.lifecycle.AbstractService;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.net.HttpUrls;
import io.lpmos.engine.tls.PemCredentials;
import io.lpmos.engine.tls.SelfSignedCertificates;
import io.lpmos.engine.tls.TlsCredentials;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP service of SPEC §3 on Jetty 12 core: files under {@code /static}, {@code /repos} and
 * {@code /boot} (bootloaders and iPXE scripts, which iPXE fetches over HTTP), the
 * JSON listing API, optional allow-list, rate limit, gzip and HTTPS, and pull-through mirrors for
 * {@code /repos/<distro>/} ({@link PullThrough}, a bean of the Jetty server so that its HTTP client
 * starts and stops with it). Every completed request is published as an {@link HttpAccess} event. A
 * new Jetty server is built on every start.
 */
public final class HttpService extends AbstractService {
    /**
     * Bodies are written asynchronously and files come from the page cache, so a few threads keep
     * every core busy; more only add context switches (measured: ~90 threads on 2 cores spent most
     * of their time in futex calls).
     */
    private static final int MAX_THREADS = 32;
    private static final int MIN_THREADS = 4;
    /** One selector thread per core, as nginx runs one worker per core. */
    private static final int SELECTORS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");
    /** Direct memory for the contents of small files (see {@link SmallFileCache}). */
    private static final long SMALL_FILE_CACHE_BYTES = 8L * 1024 * 1024;

    private final EngineConfig config;
    private final EventBus bus;
    private final String serverIp;
    private volatile Server server;
    private volatile ServerConnector connector;
    /**
     * Generated on the first start with --tls-self-signed and kept, so restarts keep one fingerprint.
     * Only {@link #doStart()} touches it, under the lifecycle lock.
     */
    private TlsCredentials selfSigned;

    /** A service announcing {@code config.serverIp()} (may be null) in a self-signed certificate. */
    public HttpService(EngineConfig config, EventBus bus) {
        this(config, bus, config.serverIp());
    }

    /**
     * @param serverIp the address clients use to reach this server, named in a self-signed
     *                 certificate; null when unknown
     */
    public HttpService(EngineConfig config, EventBus bus, String serverIp) {
        super("http");
        this.config = config;
        this.bus = bus;
        this.serverIp = serverIp;
    }

    @Override
    protected void doStart() throws ServiceException {
        Path root = config.staticRoot().toAbsolutePath().normalize();
        SafePathResolver staticTree = new SafePathResolver(root.resolve("static"));
        SafePathResolver repoTree = new SafePathResolver(root.resolve("repos"));
        SafePathResolver bootTree = new SafePathResolver(root.resolve("boot"));
        MimeTypes mimeTypes = new MimeTypes();

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("http");
        threads.setReservedThreads(0);
        Server jetty = new Server(threads, null, bufferPool());
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        // "//" in a path is served as "/", as Go's file server and nginx do (iPXE scripts often build
        // "${base}/" + "/static/..."); every other ambiguity Jetty refuses stays refused.
        httpConfig.setUriCompliance(UriCompliance.DEFAULT.with("lpmos", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        List<Notice> tlsNotices = new ArrayList<>();
        TlsCredentials tls = tlsCredentials(tlsNotices);
        ServerConnector serverConnector = tls == null ? HttpConnectors.plain(jetty, httpConfig, SELECTORS)
                : HttpConnectors.https(jetty, httpConfig, tls, SELECTORS);
        serverConnector.setHost(config.listenAddress());
        serverConnector.setPort(config.apiPort());
        jetty.addConnector(serverConnector);

        SmallFileCache smallFiles = new SmallFileCache(SMALL_FILE_CACHE_BYTES);
        StaticFileHandler staticFiles = new StaticFileHandler(staticTree, mimeTypes, config.rateLimit(), null, smallFiles);
        PullThrough pullThrough = null;
        if (!config.reposUpstreams().isEmpty()) {
            pullThrough = new PullThrough(config.reposUpstreams(), repoTree, mimeTypes, config.rateLimit(), bus);
            jetty.addBean(pullThrough);
        }
        StaticFileHandler repoFiles = new StaticFileHandler(repoTree, mimeTypes, config.rateLimit(), pullThrough,
                smallFiles);
        StaticFileHandler bootFiles = new StaticFileHandler(bootTree, mimeTypes, config.rateLimit(), null, smallFiles);
        Handler handler = new EngineRoutes(staticTree, repoTree, staticFiles, repoFiles, bootFiles, new FileListing());
        if (config.gzip()) {
            handler = new TextCompression(handler);
        }
        if (!config.allow().isEmpty()) {
            handler = new AllowListHandler(config.allow(), handler);
        }
        jetty.setHandler(handler);
        jetty.setErrorHandler(new PlainErrorHandler());
        jetty.setRequestLog(this::publishAccess);
        jetty.setStopTimeout(2000);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new ServiceException(explainStartFailure(e), e);
        }
        server = jetty;
        connector = serverConnector;
        tlsNotices.forEach(bus::publish);
    }

    /**
     * The HTTPS identity for this start, or null for plain HTTP. PEM files are read anew on every
     * start (a renewed certificate is picked up by restarting the service); a self-signed one is
     * generated once per service. Adds the operator notices to publish once the server listens.
     */
    private TlsCredentials tlsCredentials(List<Notice> notices) throws ServiceException {
        if (config.tlsCert() != null) {
            TlsCredentials loaded = PemCredentials.load(config.tlsCert(), config.tlsKey());
            X509Certificate leaf = loaded.certificate();
            notices.add(Notice.info(name(), "✓ HTTPS with certificate " + leaf.getSubjectX500Principal().getName()
                    + " from " + config.tlsCert() + " (valid until " + leaf.getNotAfter().toInstant()
                    + "); SHA-256 fingerprint: " + loaded.sha256Fingerprint()));
            loaded.validityWarning(Instant.now()).ifPresent(warning -> notices.add(Notice.warning(name(), warning)));
            return loaded;
        }
        if (!config.tlsSelfSigned()) {
            return null;
        }
        String commonName = serverIp == null ? "localhost" : serverIp;
        if (selfSigned == null) {
            List<String> hosts = new ArrayList<>();
            hosts.add(serverIp);
            if (!WILDCARD_ADDRESSES.contains(config.listenAddress())) {
                hosts.add(config.listenAddress());
            }
            try {
                selfSigned = SelfSignedCertificates.generate(commonName, hosts, Instant.now());
            } catch (GeneralSecurityException e) {
                throw new ServiceException("cannot generate a self-signed TLS certificate: " + e.getMessage()
                        + " — give a certificate with --tls-cert and --tls-key instead", e);
            }
        }
        X509Certificate leaf = selfSigned.certificate();
        notices.add(Notice.info(name(), "✓ HTTPS with a self-signed certificate for " + commonName
                + " (valid until " + leaf.getNotAfter().toInstant() + "); SHA-256 fingerprint: "
                + selfSigned.sha256Fingerprint() + "; public key pin: " + selfSigned.publicKeyPin()));
        return selfSigned;
    }

    private String explainStartFailure(Exception e) {
        int port = config.apiPort();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                String message = String.valueOf(bind.getMessage());
                if (message.contains("in use")) {
                    return "port " + port + " is in use — stop the program using it or choose another port with --api-port";
                }
                if (message.contains("ermission")) {
                    return "port " + port + " needs privileges — run as root, grant cap_net_bind_service,"
                            + " or choose a port above 1023 with --api-port";
                }
                if (message.contains("assign")) {
                    return "cannot listen on " + config.listenAddress() + ":" + port
                            + " — that address is not on this machine; check --listen-address";
                }
                return "cannot listen on port " + port + ": " + message;
            }
            if (t instanceof SocketException || t instanceof IOException && t.getMessage() != null
                    && t.getMessage().startsWith("Failed to bind")) {
                continue;
            }
        }
        return "HTTP service failed to start: " + e.getMessage();
    }

    private void publishAccess(Request request, Response response) {
        long latencyNanos = NanoTime.since(request.getBeginNanoTime());
        String path = request.getHttpURI().getDecodedPath();
        String query = request.getHttpURI().getQuery();
        if (path == null) {
            path = request.getHttpURI().getPath();
        }
        if (query != null && !query.isEmpty()) {
            path = path + "?" + query;
        }
        bus.publish(new HttpAccess(Instant.now(), response.getStatus(), Duration.ofNanos(latencyNanos),
                Request.getRemoteAddr(request), request.getMethod(), path == null ? "" : path,
                Response.getContentBytesWritten(response)));
    }

    @Override
    protected void doStop() {
        Server jetty = server;
        server = null;
        connector = null;
        if (jetty != null) {
            stopQuietly(jetty);
        }
    }

    /**
     * Jetty's default pool does not keep buffers above 64 KiB, so every {@link FileBody} chunk was a
     * fresh direct allocation, and running into the direct-memory limit forced a full GC many times a
     * second under load. This pool keeps buffers up to {@link StreamedBody#CHUNK_SIZE}, within bounds that
     * fit the JVM the launcher starts ({@code -XX:MaxDirectMemorySize=64m}).
     */
    private static ArrayByteBufferPool bufferPool() {
        return new ArrayByteBufferPool(0, 4096, StreamedBody.CHUNK_SIZE, -1, 16L * 1024 * 1024, 32L * 1024 * 1024);
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // stopping: nothing more to do
        }
    }

    /** The port actually bound (useful with --api-port=0), or -1 when not running. */
    public int boundPort() {
        ServerConnector c = connector;
        return c == null ? -1 : c.getLocalPort();
    }

    /** Base URI of the running service, e.g. {@code http://127.0.0.1:8081/}; null when not running. */
    public URI uri() {
        ServerConnector c = connector;
        if (c == null) {
            return null;
        }
        String host = WILDCARD_ADDRESSES.contains(config.listenAddress()) ? "127.0.0.1" : config.listenAddress();
        return URI.create(HttpUrls.base(config.tlsEnabled(), host, c.getLocalPort()) + "/");
    }

    /** The bound socket address, or null when not running. */
    public InetSocketAddress boundAddress() {
        ServerConnector c = connector;
        return c == null ? null : new InetSocketAddress(config.listenAddress(), c.getLocalPort());
    }
}
