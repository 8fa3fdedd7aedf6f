package io.lpmos.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class FxBackgroundTasksTest {
    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void runsWorkOffTheFxThreadAndReportsTheResultOnIt() throws Exception {
        try (FxBackgroundTasks tasks = new FxBackgroundTasks(1)) {
            CompletableFuture<String> workThread = new CompletableFuture<>();
            CompletableFuture<Boolean> callbackOnFx = new CompletableFuture<>();
            CompletableFuture<Integer> result = new CompletableFuture<>();
            tasks.run("add", () -> {
                workThread.complete(Thread.currentThread().getName());
                return 40 + 2;
            }, value -> {
                callbackOnFx.complete(Platform.isFxApplicationThread());
                result.complete(value);
            }, result::completeExceptionally);

            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(42);
            assertThat(workThread.get()).startsWith("console-task-");
            assertThat(callbackOnFx.get()).isTrue();
        }
    }

    @Test
    void handsAFailureToTheFailureCallbackOnTheFxThread() throws Exception {
        try (FxBackgroundTasks tasks = new FxBackgroundTasks(1)) {
            CompletableFuture<Exception> failure = new CompletableFuture<>();
            AtomicBoolean onFx = new AtomicBoolean();
            tasks.run("read the disk", () -> {
                throw new IOException("/srv/boot is not readable");
            }, value -> failure.completeExceptionally(new AssertionError("no result expected")), e -> {
                onFx.set(Platform.isFxApplicationThread());
                failure.complete(e);
            });

            assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessage("/srv/boot is not readable");
            assertThat(onFx).isTrue();
        }
    }

    @Test
    void skipsTasksSubmittedAfterClose() throws Exception {
        FxBackgroundTasks tasks = new FxBackgroundTasks(1);
        tasks.close();
        AtomicBoolean ran = new AtomicBoolean();
        tasks.run("start the PXE services", () -> {
            ran.set(true);
            return null;
        }, ignored -> ran.set(true), e -> ran.set(true));
        // a closed executor refuses at once, on the calling thread: nothing is left to run later
        assertThat(ran).isFalse();
    }
}
