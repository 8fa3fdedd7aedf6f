package io.lpmos.engine.http;

import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Runs work that may block (streaming a folder listing through a blocking output stream, fetching
 * from an upstream mirror) on the server's thread pool. The request handlers are declared
 * non-blocking so Jetty can serve file requests directly on its selector threads without a thread
 * hand-off; anything that waits for the network must leave those threads through here.
 */
final class BlockingWork {
    private BlockingWork() {
    }

    static void dispatch(Request request, Callback callback, Runnable work) {
        try {
            request.getComponents().getExecutor().execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    callback.failed(e);
                }
            });
        } catch (RejectedExecutionException e) {
            callback.failed(e);
        }
    }
}
