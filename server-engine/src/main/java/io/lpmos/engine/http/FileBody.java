package io.lpmos.engine.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Streams a response body made of byte segments and regions of one open file: positional
 * {@link FileChannel#read(ByteBuffer, long)} reads into one pooled direct buffer per response, written
 * asynchronously, so a multi-GB file never enters the heap and never gets memory-mapped. Optionally
 * paces the writes to a bandwidth limit using the server's scheduler (no thread sleeps).
 */
final class FileBody extends StreamedBody {

    /** One piece of the body: literal bytes or {@code length} bytes of the file from {@code offset}. */
    record Segment(ByteBuffer bytes, long offset, long length) {
        static Segment bytes(ByteBuffer bytes) {
            return new Segment(bytes, 0, bytes.remaining());
        }

        static Segment file(long offset, long length) {
            return new Segment(null, offset, length);
        }
    }

    private final FileChannel channel;
    private final List<Segment> segments;
    private final Response response;
    private final RetainableByteBuffer buffer;
    private final Scheduler scheduler;

    private int segmentIndex;
    private long position;
    private long remaining;
    private long written;
    private boolean lastWritten;

    FileBody(FileChannel channel, List<Segment> segments, long totalLength, Response response, Callback done,
             ByteBufferPool pool, long bytesPerSecond, Scheduler scheduler) {
        super(done, bytesPerSecond);
        this.channel = channel;
        this.segments = segments;
        this.response = response;
        this.scheduler = scheduler;
        this.buffer = pool.acquire(bufferSize(totalLength, bytesPerSecond), true);
        startSegment(0);
    }

    private void startSegment(int index) {
        segmentIndex = index;
        if (index < segments.size()) {
            Segment segment = segments.get(index);
            position = segment.offset();
            remaining = segment.length();
        }
    }

    @Override
    protected Action process() throws IOException {
        if (lastWritten) {
            return Action.SUCCEEDED;
        }
        if (pauseForRate(written, scheduler)) {
            return Action.SCHEDULED;
        }
        while (segmentIndex < segments.size() && remaining == 0) {
            startSegment(segmentIndex + 1);
        }
        if (segmentIndex >= segments.size()) {
            lastWritten = true;
            response.write(true, null, this);
            return Action.SCHEDULED;
        }
        Segment segment = segments.get(segmentIndex);
        ByteBuffer out;
        int length;
        if (segment.bytes() != null) {
            out = segment.bytes().duplicate();
            length = out.remaining();
        } else {
            out = buffer.getByteBuffer();
            out.clear();
            out.limit((int) Math.min(out.capacity(), remaining));
            while (out.hasRemaining()) {
                int n = channel.read(out, position + out.position());
                if (n < 0) {
                    throw new IOException("file shrank while being sent");
                }
            }
            out.flip();
            length = out.remaining();
            position += length;
        }
        remaining -= length;
        written += length;
        boolean last = remaining == 0 && isFinalSegment();
        lastWritten = last;
        response.write(last, out, this);
        return Action.SCHEDULED;
    }

    private boolean isFinalSegment() {
        for (int i = segmentIndex + 1; i < segments.size(); i++) {
            if (segments.get(i).length() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each step is a positional read (from the page cache, for files being served) and an
     * asynchronous write: Jetty may resume it directly on the selector thread that saw the socket
     * become writable, without handing it to another thread.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    void release() {
        buffer.release();
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only channel: nothing was lost
        }
    }
}
