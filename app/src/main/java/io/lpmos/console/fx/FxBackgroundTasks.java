package io.lpmos.console.fx;

import io.lpmos.console.tasks.BackgroundTasks;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackgroundTasks} on a small pool of daemon threads named {@code console-task-N}; outcomes go
 * back to the FX thread with one {@link Platform#runLater} each. A failing task is logged with its
 * description and handed to its failure callback, never swallowed. Thread-safe.
 */
public final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxBackgroundTasks.class);

    private final ExecutorService executor;

    public FxBackgroundTasks(int threads) {
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "console-task-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("console task thread {} died", t.getName(), e));
            return thread;
        });
    }

    @Override
    public <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess,
                        Consumer<? super Exception> onFailure) {
        try {
            executor.execute(() -> runAndReport(description, work, onSuccess, onFailure));
        } catch (RejectedExecutionException e) {
            LOG.info("the console is closing; not going to {}", description);
        }
    }

    private static <T> void runAndReport(String description, Callable<T> work, Consumer<? super T> onSuccess,
                                         Consumer<? super Exception> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            LOG.warn("could not {}: {}", description, e.getMessage(), e);
            Platform.runLater(() -> onFailure.accept(e));
            return;
        }
        Platform.runLater(() -> onSuccess.accept(result));
    }

    /** Lets running tasks finish (bounded wait of five seconds); tasks submitted afterwards are logged and skipped. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("background tasks still running after 5 s at shutdown; abandoning them");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
