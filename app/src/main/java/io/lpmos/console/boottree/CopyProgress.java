package io.lpmos.console.boottree;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared state of one running copy: the copier advances it on its thread, the window reads it at
 * its own pace and may cancel. Thread-safe.
 */
public final class CopyProgress {
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong total = new AtomicLong(-1);
    private volatile boolean cancelled;

    /** Bytes written so far. */
    public long copied() {
        return copied.get();
    }

    /** Bytes to copy in all, or -1 while the sources are still being measured. */
    public long total() {
        return total.get();
    }

    /** Fraction done in [0, 1], or -1 while the total is not known yet. */
    public double fraction() {
        long all = total.get();
        if (all < 0) {
            return -1;
        }
        return all == 0 ? 1 : Math.min(1.0, (double) copied.get() / all);
    }

    /** Asks the copy to stop at its next buffer; it then removes what it wrote and throws {@link CopyCancelledException}. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void total(long bytes) {
        total.set(bytes);
    }

    void advance(long bytes) {
        copied.addAndGet(bytes);
    }
}
