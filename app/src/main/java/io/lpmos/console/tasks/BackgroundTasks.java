package io.lpmos.console.tasks;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work that may block (engine start/stop, file-system reads, interface enumeration) away from
 * the FX thread, and hands its outcome back to the FX thread. ViewModels receive an implementation by
 * constructor; the console uses {@code io.lpmos.console.fx.FxBackgroundTasks}, tests a same-thread one.
 */
public interface BackgroundTasks {
    /**
     * Runs {@code work} on a background thread; afterwards exactly one of {@code onSuccess} (with the
     * result) or {@code onFailure} (with the exception the work threw) is called on the FX thread.
     * Never blocks the caller.
     *
     * @param description what the work does, for the log when it fails ("start PXE services")
     */
    <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess,
                 Consumer<? super Exception> onFailure);
}
