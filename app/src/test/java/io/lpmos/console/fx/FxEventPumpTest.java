package io.lpmos.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.livelog.LiveLogView;
import io.lpmos.console.livelog.LiveLogViewModel;
import io.lpmos.console.livelog.LogLine;
import io.lpmos.console.livelog.LogLineRenderer;
import io.lpmos.console.style.ConsoleStylesheet;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The FX adapter under load, on the real (headless Monocle) FX thread with the live log shown in a
 * stage: 10,000 requests a second must not make the FX thread pause for 50 ms or more. A probe posted
 * every 5 ms records how long it waited: as FX-thread CPU time spent ahead of it (the console's own
 * work, asserted) and as wall-clock time (printed; on a loaded machine it also counts the time the OS
 * gave the CPU to other processes).
 */
class FxEventPumpTest {
    private static final int EVENTS_PER_SECOND = 10_000;
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURED = Duration.ofSeconds(10);

    private final EventBus bus = new EventBus();
    private FxEventPump<?> pump;

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closePump() throws Exception {
        if (pump != null) {
            pump.close();
        }
        FxToolkit.cleanupStages();
    }

    private static HttpAccess request(long n) {
        return new HttpAccess(Instant.now(), n % 50 == 0 ? 404 : 200, Duration.ofNanos(250_000 + n % 1000),
                "10.0.0." + (n % 250), "GET", "/boot/pxelinux.cfg/file-" + n, 4096);
    }

    /** Publishes at {@code perSecond} for {@code duration}, catching up every millisecond; returns the count. */
    private long publish(int perSecond, Duration duration, long first) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
            while (sent < due) {
                bus.publish(request(first + sent));
                sent++;
            }
            Thread.sleep(1);
        }
        return sent;
    }

    @Test
    void tenThousandRequestsPerSecondNeverPauseTheFxThreadFor50Milliseconds() throws Exception {
        LiveLogViewModel log = new LiveLogViewModel(LiveLogViewModel.DEFAULT_CAPACITY);
        LogLineRenderer renderer = new LogLineRenderer(ZoneOffset.UTC);
        FxToolkit.setupStage(stage -> {
            ConsoleStylesheet.applyTheme(false);
            Scene scene = new Scene(new LiveLogView(log), 1200, 700);
            scene.getStylesheets().add(ConsoleStylesheet.url());
            stage.setScene(scene);
            stage.show();
        });
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger largestBatch = new AtomicInteger();
        pump = new FxEventPump<LogLine>(bus, "pump-load", renderer::render, batch -> {
            batches.incrementAndGet();
            largestBatch.accumulateAndGet(batch.items().size(), Math::max);
            log.onLines(batch.items(), batch.received(), batch.dropped());
        });

        long warmedUp = publish(EVENTS_PER_SECOND, WARM_UP, 0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxThreadId = WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().getId()).get(5, TimeUnit.SECONDS);
        AtomicLong worstLatenessNanos = new AtomicLong();
        AtomicLong worstBusyNanos = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean(true);
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        int batchesBefore = batches.get();
        long measureStart = System.nanoTime();
        prober.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            long fxCpuAtPost = threads.getThreadCpuTime(fxThreadId);
            Platform.runLater(() -> {
                if (measuring.get()) {
                    worstLatenessNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                    worstBusyNanos.accumulateAndGet(threads.getCurrentThreadCpuTime() - fxCpuAtPost, Math::max);
                }
            });
        }, 0, 5, TimeUnit.MILLISECONDS);
        long measured = publish(EVENTS_PER_SECOND, MEASURED, warmedUp);
        long published = warmedUp + measured;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pump.received() < published && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // 11 s at 10k/s is more than the ring buffer keeps: the log holds its newest lines
        long kept = Math.min(published, LiveLogViewModel.DEFAULT_CAPACITY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> log.receivedProperty().get() == published
                && log.keptLineCount() == kept);
        WaitForAsyncUtils.waitForFxEvents();
        measuring.set(false);
        prober.shutdownNow();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - measureStart);
        int measuredBatches = batches.get() - batchesBefore;

        double worstMillis = worstLatenessNanos.get() / 1e6;
        double worstBusyMillis = worstBusyNanos.get() / 1e6;
        System.out.printf("FX pump under %,d events/s for %d s: worst FX-thread pause %.1f ms of FX work"
                        + " (%.1f ms wall clock, including time the OS ran other processes; load average %.1f"
                        + " on %d CPUs); %,d batches in %,d ms (largest %,d events); %,d received, %,d dropped%n",
                EVENTS_PER_SECOND, MEASURED.toSeconds(), worstBusyMillis, worstMillis,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), measuredBatches, elapsedMillis,
                largestBatch.get(), pump.received(), pump.dropped());

        assertThat(pump.dropped()).isZero();
        assertThat(log.keptLineCount()).isEqualTo(kept);
        assertThat(measuredBatches).as("hand-overs to the FX thread, at most one per 50 ms")
                .isLessThanOrEqualTo((int) (elapsedMillis / 50) + 2);
        assertThat(worstBusyMillis).as("worst FX-thread pause in ms of FX-thread CPU time").isLessThan(50.0);
    }

    @Test
    void whenTheFxThreadFallsBehindRequestsAreShedAndCountedButStateChangesKept() throws Exception {
        List<EngineEvent> delivered = new CopyOnWriteArrayList<>();
        AtomicLong lastDropped = new AtomicLong();
        AtomicLong lastReceived = new AtomicLong();
        pump = new FxEventPump<EngineEvent>(bus, "pump-shed", 50, Duration.ofMillis(20), event -> event, batch -> {
            delivered.addAll(batch.items());
            lastDropped.set(batch.dropped());
            lastReceived.set(batch.received());
        });
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Platform.runLater(() -> {
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        for (int chunk = 0; chunk < 20; chunk++) {
            for (int i = 0; i < 10; i++) {
                bus.publish(request(chunk * 10L + i));
            }
            awaitReceived((chunk + 1) * 10L);
        }
        ServiceStateChanged failed = new ServiceStateChanged(Instant.now(), "http", ServiceState.STARTING,
                ServiceState.FAILED, "port 8081 is in use");
        bus.publish(failed);
        awaitReceived(201);
        release.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> delivered.contains(failed));

        // at most one batch was handed over before the FX thread blocked; then the 50-event buffer filled up
        long dropped = lastDropped.get();
        assertThat(dropped).isBetween(1L, 150L);
        assertThat(lastReceived.get()).isEqualTo(201);
        assertThat(delivered).hasSize((int) (201 - dropped)).last().isEqualTo(failed);
        assertThat(delivered.stream().filter(HttpAccess.class::isInstance)).hasSize((int) (200 - dropped));
    }

    /** Waits (at most five seconds) until the pump has taken {@code count} events from the bus. */
    private void awaitReceived(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pump.received() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(pump.received()).as("events the pump took from the bus").isEqualTo(count);
    }
}
