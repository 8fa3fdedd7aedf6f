package io.lpmos.console.fx;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.TrafficEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place engine events cross onto the FX thread (ARCHITECTURE.md principle 5). Subscribes to
 * the engine bus, buffers what arrives, and every {@code interval} hands what was buffered to the FX
 * thread in one {@link Platform#runLater}, never more than one outstanding at a time and never more
 * than {@value #MAX_PER_BATCH} events per batch: 10,000 requests a second become about 20 small FX
 * tasks a second instead of 10,000.
 *
 * <p>Each event is first turned into a {@code T} by {@code prepare} on the bus subscriber thread, so
 * costly work such as formatting a log line never runs on the FX thread.
 *
 * <p>The buffer is bounded by {@code capacity}: when the FX thread falls that far behind, further
 * {@link TrafficEvent}s (HTTP requests, DHCP exchanges, progress reports: thousands a second under
 * load) are shed and counted as dropped; the rare events that change what the operator must act on
 * (service states, notices, finished transfers, fetch outcomes) are always kept. Thread-safe.
 *
 * @param <T> what {@code prepare} makes of an engine event
 */
public final class FxEventPump<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxEventPump.class);

    /** Shortest time between two hand-overs to the FX thread. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
    /** Events buffered between the bus and the FX thread, and the bus queue's size for this subscriber. */
    public static final int DEFAULT_CAPACITY = 50_000;
    /** Most events handed to the FX thread in one batch, so one batch never takes long to apply. */
    public static final int MAX_PER_BATCH = 5_000;

    private final Function<? super EngineEvent, ? extends T> prepare;
    private final Consumer<? super EventBatch<T>> onFxThread;
    private final int capacity;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private long received;
    private long shed;
    private final AtomicBoolean batchInFlight = new AtomicBoolean();
    private volatile boolean open = true;
    private final EventBus.Subscription subscription;
    private final ScheduledExecutorService ticker;

    /**
     * Starts pumping at once.
     *
     * @param name       names the bus subscription ({@code events-<name>}) and the ticker thread
     * @param prepare    turns each event into what the FX thread needs, on the bus subscriber thread;
     *                   must be thread-safe and must not return null
     * @param onFxThread receives every batch on the FX thread; exceptions it throws are logged
     */
    public FxEventPump(EventBus bus, String name, int capacity, Duration interval,
                       Function<? super EngineEvent, ? extends T> prepare, Consumer<? super EventBatch<T>> onFxThread) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.prepare = prepare;
        this.onFxThread = onFxThread;
        this.capacity = capacity;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fx-pump-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.subscription = bus.subscribe(name, capacity, this::buffer);
        long nanos = interval.toNanos();
        ticker.scheduleWithFixedDelay(this::handOver, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    public FxEventPump(EventBus bus, String name, Function<? super EngineEvent, ? extends T> prepare,
                       Consumer<? super EventBatch<T>> onFxThread) {
        this(bus, name, DEFAULT_CAPACITY, DEFAULT_INTERVAL, prepare, onFxThread);
    }

    /** Called on the bus subscriber thread. */
    private void buffer(EngineEvent event) {
        synchronized (lock) {
            received++;
            if (pending.size() >= capacity && event instanceof TrafficEvent) {
                shed++;
                return;
            }
        }
        T prepared = prepare.apply(event);
        synchronized (lock) {
            pending.add(prepared);
        }
    }

    /** Called on the ticker thread. */
    private void handOver() {
        if (!open || batchInFlight.get()) {
            return;
        }
        EventBatch<T> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            List<T> events;
            if (pending.size() <= MAX_PER_BATCH) {
                events = pending;
                pending = new ArrayList<>();
            } else {
                List<T> head = pending.subList(0, MAX_PER_BATCH);
                events = new ArrayList<>(head);
                head.clear();
            }
            batch = new EventBatch<>(events, received, shed + subscription.dropped());
        }
        batchInFlight.set(true);
        Platform.runLater(() -> deliver(batch));
    }

    /** Called on the FX thread. */
    private void deliver(EventBatch<T> batch) {
        try {
            if (open) {
                onFxThread.accept(batch);
            }
        } catch (RuntimeException e) {
            LOG.warn("console failed to apply {} engine events: {}", batch.items().size(), e.toString(), e);
        } finally {
            batchInFlight.set(false);
        }
    }

    /** Events taken from the bus so far. */
    public long received() {
        synchronized (lock) {
            return received;
        }
    }

    /** Events lost so far, at the bus or in this pump. */
    public long dropped() {
        synchronized (lock) {
            return shed + subscription.dropped();
        }
    }

    /** Unsubscribes and stops handing over; a batch already posted to the FX thread is discarded. */
    @Override
    public void close() {
        open = false;
        subscription.close();
        ticker.shutdownNow();
    }
}
