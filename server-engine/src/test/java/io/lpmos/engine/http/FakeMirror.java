package io.lpmos.engine.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An upstream mirror for tests: a real Jetty server on 127.0.0.1 serving in-memory files, counting
 * requests per path, and able to stop in the middle of a file (to wait for the test, then go on or
 * die by aborting the response).
 */
final class FakeMirror extends Handler.Abstract {
    static final String LAST_MODIFIED = "Tue, 03 Feb 2026 10:00:00 GMT";
    private static final int CHUNK = 16 * 1024;

    /** Stop after {@code offset} bytes until {@code gate} opens, then die (first request only) or go on. */
    record Pause(long offset, CountDownLatch gate, boolean dieOnce, AtomicInteger died) {
        static Pause thenContinue(long offset) {
            return new Pause(offset, new CountDownLatch(1), false, new AtomicInteger());
        }

        static Pause thenDieOnce(long offset) {
            return new Pause(offset, new CountDownLatch(1), true, new AtomicInteger());
        }

        void open() {
            gate.countDown();
        }
    }

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> heads = new ConcurrentHashMap<>();
    private final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
    private final Server server = new Server();

    FakeMirror() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(this);
        server.start();
    }

    /** Base URL of the mirror, e.g. {@code http://127.0.0.1:40123/mirror}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/mirror");
    }

    void put(String path, byte[] content) {
        files.put("/mirror/" + path, content);
    }

    void pause(String path, Pause pause) {
        pauses.put("/mirror/" + path, pause);
    }

    int gets(String path) {
        AtomicInteger count = gets.get("/mirror/" + path);
        return count == null ? 0 : count.get();
    }

    int heads(String path) {
        AtomicInteger count = heads.get("/mirror/" + path);
        return count == null ? 0 : count.get();
    }

    int totalRequests() {
        return gets.values().stream().mapToInt(AtomicInteger::get).sum()
                + heads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The Accept-Encoding header of every request (null entries are not recorded). */
    List<String> acceptEncodings() {
        return acceptEncodings;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        (head ? heads : gets).computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String acceptEncoding = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (acceptEncoding != null) {
            acceptEncodings.add(acceptEncoding);
        }
        byte[] body = files.get(path);
        if (body == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.getHeaders().put(HttpHeader.LAST_MODIFIED, LAST_MODIFIED);
        if (head) {
            response.write(true, null, callback);
            return true;
        }
        Pause pause = pauses.get(path);
        OutputStream out = Content.Sink.asOutputStream(response);
        int offset = 0;
        while (offset < body.length) {
            if (pause != null && offset == pause.offset()) {
                out.flush();
                if (!pause.gate().await(20, TimeUnit.SECONDS)) {
                    callback.failed(new IOException("test did not open the gate"));
                    return true;
                }
                if (pause.dieOnce() && pause.died().getAndIncrement() == 0) {
                    callback.failed(new IOException("mirror died in the middle of " + path));
                    return true;
                }
            }
            long limit = pause != null && offset < pause.offset() ? pause.offset() : body.length;
            int n = (int) Math.min(CHUNK, limit - offset);
            out.write(body, offset, n);
            offset += n;
        }
        out.close();
        callback.succeeded();
        return true;
    }

    /** Opens every gate and stops the server. */
    void shutdown() throws Exception {
        pauses.values().forEach(Pause::open);
        server.stop();
    }
}
