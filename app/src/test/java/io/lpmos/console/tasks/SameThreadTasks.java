package io.lpmos.console.tasks;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its callback at once on the calling thread: deterministic ViewModel tests without a stage. */
public final class SameThreadTasks implements BackgroundTasks {
    private int runs;

    @Override
    public <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess,
                        Consumer<? super Exception> onFailure) {
        runs++;
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    /** How many tasks were run. */
    public int runs() {
        return runs;
    }
}
