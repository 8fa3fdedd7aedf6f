package io.lpmos.engine.http;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What the streamed response bodies ({@link FileBody}, {@link PulledBody}) share: pacing to the
 * {@code --rate-limit} on the server's scheduler (no sleeping threads), the buffer size that suits
 * it, and completing the request's callback once the body's own resources are released.
 */
abstract class StreamedBody extends IteratingCallback {
    /** Largest buffer one response holds while streaming. */
    static final int CHUNK_SIZE = 256 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Callback done;
    private final long bytesPerSecond;
    private long pacingStartNanos = System.nanoTime();
    private boolean paused;

    /**
     * @param done           completed (after {@link #release()}) when the body ends
     * @param bytesPerSecond bandwidth limit; 0: unlimited
     */
    StreamedBody(Callback done, long bytesPerSecond) {
        this.done = done;
        this.bytesPerSecond = bytesPerSecond;
    }

    final long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Starts the pacing clock again: the first byte is about to be sent. */
    final void startPacing() {
        pacingStartNanos = System.nanoTime();
    }

    /**
     * Under a rate limit, when {@code sent} bytes went out ahead of their time, schedules this body to
     * resume when they are due and returns true: the caller's {@code process()} then returns
     * {@link Action#SCHEDULED}. The resumed step is not paused again.
     */
    final boolean pauseForRate(long sent, Scheduler scheduler) {
        if (bytesPerSecond <= 0) {
            return false;
        }
        if (paused) {
            paused = false;
            return false;
        }
        long waitNanos = dueNanos(sent, bytesPerSecond) - (System.nanoTime() - pacingStartNanos);
        if (waitNanos > 1_000_000) {
            paused = true;
            scheduler.schedule(this::succeeded, waitNanos, TimeUnit.NANOSECONDS);
            return true;
        }
        return false;
    }

    /**
     * The buffer to stream {@code totalLength} bytes with: at most {@link #CHUNK_SIZE}, and under a
     * rate limit about a tenth of a second's worth, so paced writes stay smooth.
     */
    static int bufferSize(long totalLength, long bytesPerSecond) {
        return (int) Math.max(1, Math.min(CHUNK_SIZE, bytesPerSecond > 0
                ? Math.min(totalLength, Math.max(4096, bytesPerSecond / 10)) : totalLength));
    }

    /**
     * When, in nanoseconds after the first byte, {@code written} bytes are due at {@code bytesPerSecond}.
     * Exact for any file size: {@code written * 1e9} alone would overflow past ~9.2 GB and switch the
     * limit off for the rest of a large ISO.
     */
    static long dueNanos(long written, long bytesPerSecond) {
        long seconds = written / bytesPerSecond;
        long rest = written % bytesPerSecond;
        long fraction = rest <= Long.MAX_VALUE / NANOS_PER_SECOND
                ? rest * NANOS_PER_SECOND / bytesPerSecond
                : (long) ((double) rest / bytesPerSecond * NANOS_PER_SECOND);
        return seconds * NANOS_PER_SECOND + fraction;
    }

    /** Gives back what the body holds (buffer, file channel); called once, before the callback completes. */
    abstract void release();

    @Override
    protected final void onCompleteSuccess() {
        release();
        done.succeeded();
    }

    @Override
    protected final void onCompleteFailure(Throwable cause) {
        release();
        done.failed(cause);
    }
}
