package io.lpmos.engine.mirror;

import io.lpmos.engine.events.FetchEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A submitted fetch: its subject, its final event once it ends, and a way to cancel it. Thread-safe.
 */
public final class FetchHandle {
    private final FetchEvent.Subject subject;
    private final FetchRequest request;
    private final CompletableFuture<FetchEvent> result = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    FetchHandle(FetchEvent.Subject subject, FetchRequest request) {
        this.subject = subject;
        this.request = request;
    }

    public FetchEvent.Subject subject() {
        return subject;
    }

    public FetchRequest request() {
        return request;
    }

    /**
     * Completes with the fetch's last event: {@link FetchEvent.Verified}, {@link FetchEvent.Skipped} or
     * {@link FetchEvent.Failed}; never exceptionally.
     */
    public CompletableFuture<FetchEvent> result() {
        return result;
    }

    /** Asks the fetch to stop soon; its {@code .part} stays, so fetching again resumes. Idempotent. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelRequested() {
        return cancelled.get();
    }

    /** Whether the fetch placed its file (verified or with checking skipped). */
    public static boolean succeeded(FetchEvent last) {
        return last instanceof FetchEvent.Verified || last instanceof FetchEvent.Skipped;
    }
}
