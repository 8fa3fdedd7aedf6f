package io.lpmos.engine.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers one client from an {@link UpstreamFetch}: waits for the upstream's headers, then sends the
 * bytes already on disk and waits for more until the fetch completes. The client gets a plain 200
 * with the upstream's Content-Length (when it gave one) and Last-Modified; Range and conditional
 * headers are ignored for a file that is not yet on disk, as HTTP allows. When the fetch fails after
 * the response was committed, the response is failed, so Jetty aborts the connection before the
 * declared length (or without the last chunk): the client sees a broken transfer, never a short
 * file that looks complete. Before commit, the client gets the fetch's status (404, 502 or 500).
 *
 * <p>Threading: runs on the server's threads; wake-ups from the fetch only hand {@link #iterate()}
 * to the server's executor. Idle timeouts of the client connection are ignored while waiting for
 * the upstream (whose own idle timeout bounds the wait); a stalled client write still times out.
 */
final class PulledBody extends StreamedBody {
    private final UpstreamFetch fetch;
    private final Request request;
    private final Response response;
    private final String contentType;
    private final Executor executor;
    private final Runnable wake = this::wakeUp;

    private FileChannel channel;
    private RetainableByteBuffer buffer;
    private boolean headersSent;
    private boolean lastWritten;
    private long position;

    PulledBody(UpstreamFetch fetch, Request request, Response response, Callback done, String contentType,
               long bytesPerSecond) {
        super(done, bytesPerSecond);
        this.fetch = fetch;
        this.request = request;
        this.response = response;
        this.contentType = contentType;
        this.executor = request.getComponents().getExecutor();
        request.addIdleTimeoutListener(timeout -> false);
    }

    @Override
    protected Action process() throws IOException {
        if (lastWritten) {
            return Action.SUCCEEDED;
        }
        UpstreamFetch.Snapshot state = fetch.pollOrAwait(position, wake);
        if (state == null) {
            return Action.IDLE;
        }
        if (state.phase() == UpstreamFetch.Phase.FAILED) {
            if (!response.isCommitted()) {
                response.reset();
                lastWritten = true;
                HttpErrors.text(response, this, state.failureStatus(), statusText(state));
                return Action.SCHEDULED;
            }
            throw new IOException("pull-through of " + fetch.urlPath() + " failed: " + state.failureText());
        }
        if (!headersSent) {
            channel = fetch.openForReading();
            if (channel == null) {
                return process();
            }
            sendHeaders(state);
        }
        if (pauseForRate(position, request.getComponents().getScheduler())) {
            return Action.SCHEDULED;
        }
        boolean complete = state.phase() == UpstreamFetch.Phase.COMPLETE;
        if (position >= state.sendable()) {
            lastWritten = true;
            response.write(true, null, this);
            return Action.SCHEDULED;
        }
        ByteBuffer out = buffer.getByteBuffer();
        out.clear();
        out.limit((int) Math.min(out.capacity(), state.sendable() - position));
        while (out.hasRemaining()) {
            int n = channel.read(out, position + out.position());
            if (n < 0) {
                throw new IOException("pulled file " + fetch.target() + " shrank while being sent");
            }
        }
        out.flip();
        position += out.remaining();
        lastWritten = complete && position == state.sendable();
        response.write(lastWritten, out, this);
        return Action.SCHEDULED;
    }

    private void sendHeaders(UpstreamFetch.Snapshot state) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (state.contentLength() >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, state.contentLength());
        }
        if (state.lastModified() != null) {
            response.getHeaders().put(HttpHeader.LAST_MODIFIED, state.lastModified());
        }
        long expected = state.contentLength() >= 0 ? state.contentLength() : CHUNK_SIZE;
        buffer = request.getComponents().getByteBufferPool().acquire(bufferSize(expected, bytesPerSecond()), true);
        headersSent = true;
        startPacing();
    }

    private static String statusText(UpstreamFetch.Snapshot state) {
        return switch (state.failureStatus()) {
            case HttpStatus.NOT_FOUND_404 -> "404 page not found";
            case HttpStatus.BAD_GATEWAY_502 -> "502 bad gateway: " + state.failureText();
            default -> state.failureStatus() + " cannot store the pulled file";
        };
    }

    private void wakeUp() {
        try {
            executor.execute(this::iterate);
        } catch (RejectedExecutionException e) {
            iterate();
        }
    }

    @Override
    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing was lost
            }
            channel = null;
        }
    }
}
