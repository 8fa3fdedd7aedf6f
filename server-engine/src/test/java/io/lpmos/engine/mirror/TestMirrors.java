package io.lpmos.engine.mirror;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Official sites and mirrors for fetch tests: one real Jetty server on 127.0.0.1, each mirror a path
 * prefix ({@code /<name>/}) with its own behaviour — throttled to a speed, serving wrong bytes,
 * dropping the connection part-way, ignoring Range, answering an error status, or never answering.
 * Serves single ranges ({@code bytes=a-}, {@code bytes=a-b}) with {@code If-Range} against a strong
 * ETag, and records every GET and every byte it sends, so tests check on the server side what was
 * fetched.
 */
public final class TestMirrors implements AutoCloseable {
    static final String ETAG = "\"lpmos-test-1\"";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final int CHUNK = 16 * 1024;

    /** One GET as the server saw it: which mirror, from which byte, and how many bytes it sent. */
    public record Served(String mirror, long from, AtomicLong sent, boolean ranged) {
    }

    /** How one mirror behaves; mutable by the test between fetches. */
    public static final class Mirror {
        final String name;
        volatile long bytesPerSecond;
        volatile boolean corrupt;
        volatile boolean ignoreRange;
        volatile int status = HttpStatus.OK_200;
        volatile boolean silent;
        /** Close the connection after this many bytes of the file (absolute offset); -1: never. */
        volatile long dropAt = -1;
        /** How many more requests drop at {@link #dropAt}; 0 once used up. */
        final AtomicInteger drops = new AtomicInteger();
        /** When set, a request stops at {@link #pauseAt} until the latch opens. */
        volatile CountDownLatch pause;
        volatile long pauseAt = -1;
        final AtomicInteger gets = new AtomicInteger();

        Mirror(String name) {
            this.name = name;
        }

        public Mirror throttle(long speed) {
            this.bytesPerSecond = speed;
            return this;
        }

        public Mirror corrupt() {
            this.corrupt = true;
            return this;
        }

        Mirror ignoringRange() {
            this.ignoreRange = true;
            return this;
        }

        Mirror answering(int code) {
            this.status = code;
            return this;
        }

        Mirror silent() {
            this.silent = true;
            return this;
        }

        Mirror droppingAt(long offset, int times) {
            this.dropAt = offset;
            this.drops.set(times);
            return this;
        }
    }

    private final Server server;
    private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public TestMirrors() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("test-mirrors");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    /** A new mirror serving every file put so far and later. */
    public Mirror mirror(String name) {
        return mirrors.computeIfAbsent(name, Mirror::new);
    }

    /** The mirror's base URL, ending in '/', as a profile lists it. */
    public URI base(String name) {
        mirror(name);
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/"
                + name + "/");
    }

    public void put(String file, byte[] content) {
        files.put(file, content);
    }

    public List<Served> served() {
        return List.copyOf(served);
    }

    public List<Served> servedBy(String mirror) {
        return served.stream().filter(s -> s.mirror().equals(mirror)).toList();
    }

    /** Bytes of the file sent by every mirror together. */
    public long bytesSent() {
        return served.stream().mapToLong(s -> s.sent().get()).sum();
    }

    /** A base URL on which nothing listens (connection refused). */
    public static URI deadBase() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/dead/");
        }
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String[] parts = path.substring(1).split("/", 2);
        Mirror mirror = parts.length == 2 ? mirrors.get(parts[0]) : null;
        byte[] body = mirror == null ? null : files.get(parts[1]);
        if (mirror == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return;
        }
        mirror.gets.incrementAndGet();
        if (mirror.silent) {
            closing.await(60, TimeUnit.SECONDS);
            callback.failed(new IOException("silent mirror"));
            return;
        }
        if (mirror.status != HttpStatus.OK_200 || body == null) {
            Response.writeError(request, response, callback, body == null ? HttpStatus.NOT_FOUND_404 : mirror.status);
            return;
        }
        long from = 0;
        long to = body.length - 1;
        boolean ranged = false;
        String range = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        if (range != null && !mirror.ignoreRange && (ifRange == null || ifRange.equals(ETAG))) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                from = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    to = Math.min(to, Long.parseLong(m.group(2)));
                }
                if (from >= body.length) {
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + body.length);
                    Response.writeError(request, response, callback, HttpStatus.RANGE_NOT_SATISFIABLE_416);
                    return;
                }
                ranged = true;
            }
        }
        Served record = new Served(mirror.name, from, new AtomicLong(), ranged);
        served.add(record);
        response.setStatus(ranged ? HttpStatus.PARTIAL_CONTENT_206 : HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, to - from + 1);
        response.getHeaders().put(HttpHeader.ETAG, ETAG);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        if (ranged) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + body.length);
        }
        OutputStream out = Content.Sink.asOutputStream(response);
        long start = System.nanoTime();
        long offset = from;
        long sentHere = 0;
        try {
            while (offset <= to) {
                if (mirror.pause != null && offset == mirror.pauseAt) {
                    out.flush();
                    mirror.pause.await(30, TimeUnit.SECONDS);
                }
                if (mirror.dropAt >= 0 && offset >= mirror.dropAt && mirror.drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    out.flush();
                    callback.failed(new IOException("mirror " + mirror.name + " drops the connection at " + offset));
                    return;
                }
                long limit = to + 1;
                if (mirror.dropAt > offset && mirror.drops.get() > 0) {
                    limit = Math.min(limit, mirror.dropAt);
                }
                if (mirror.pause != null && mirror.pauseAt > offset) {
                    limit = Math.min(limit, mirror.pauseAt);
                }
                int n = (int) Math.min(CHUNK, limit - offset);
                byte[] chunk = java.util.Arrays.copyOfRange(body, (int) offset, (int) offset + n);
                if (mirror.corrupt && offset <= body.length / 2 && body.length / 2 < offset + n) {
                    chunk[(int) (body.length / 2 - offset)] ^= 0x5a;
                }
                out.write(chunk);
                offset += n;
                sentHere += n;
                record.sent().addAndGet(n);
                if (mirror.bytesPerSecond > 0) {
                    long due = start + (long) (sentHere * 1e9 / mirror.bytesPerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        out.flush();
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e);
        }
    }

    @Override
    public void close() throws Exception {
        closing.countDown();
        mirrors.values().forEach(m -> {
            if (m.pause != null) {
                m.pause.countDown();
            }
        });
        server.stop();
    }
}
