package io.lpmos.engine.mirror;

import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.events.FetchEvent.Subject;
import io.lpmos.engine.lifecycle.AbstractService;
import io.lpmos.engine.lifecycle.ServiceException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verified mirror fetches (SPEC §7) as an engine service: while RUNNING it accepts fetches
 * ({@link #submit}), runs at most {@link FetchTuning#maxConcurrent()} at once on the injected
 * executor (the others wait queued) and publishes each one's {@link FetchEvent}s on the bus.
 * {@link #stop()} cancels the fetches in progress (their {@code .part} files stay for a resume) and
 * waits a bounded time for them to end. Each start creates a new HTTP client and timer. Thread-safe.
 */
public final class FetchService extends AbstractService {
    public static final String NAME = "fetch";
    /** java.net.http's read buffer size property; read once, when its first client is made. */
    static final String BUFFER_SIZE_PROPERTY = "jdk.httpclient.bufsize";
    static final String BUFFER_SIZE = String.valueOf(256 * 1024);

    static {
        // java.net.http reads 16 KiB per socket read unless told otherwise: for ISOs that is tens of
        // thousands of hand-overs per GiB. A quarter MiB cuts them sixteen-fold (bench/fetch-vs-curl.sh).
        // Set only when nobody chose a size; it applies to every java.net.http client of the process.
        if (System.getProperty(BUFFER_SIZE_PROPERTY) == null) {
            System.setProperty(BUFFER_SIZE_PROPERTY, BUFFER_SIZE);
        }
    }
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final EventBus bus;
    private final Executor executor;
    private final FetchTuning tuning;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, FetchHandle> active = new ConcurrentHashMap<>();
    private volatile Running running;

    /** What one start creates; replaced on every start. */
    private record Running(HttpClient client, ScheduledExecutorService timer, Semaphore slots) {
    }

    /**
     * @param executor runs each fetch from start to end (a fetch blocks its thread while it downloads);
     *                 it must be able to run as many fetches as are submitted at once, waiting ones included
     */
    public FetchService(EventBus bus, Executor executor, FetchTuning tuning) {
        super(NAME);
        this.bus = bus;
        this.executor = executor;
        this.tuning = tuning;
    }

    @Override
    protected void doStart() throws ServiceException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fetch-timer");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(tuning.headersTimeout())
                .build();
        running = new Running(client, timer, new Semaphore(tuning.maxConcurrent(), true));
    }

    @Override
    protected void doStop() {
        Running was = running;
        running = null;
        active.values().forEach(FetchHandle::cancel);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (FetchHandle handle : List.copyOf(active.values())) {
            long left = deadline - System.nanoTime();
            try {
                handle.result().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                break;
            }
        }
        if (was != null) {
            was.timer().shutdownNow();
        }
    }

    /**
     * Queues a fetch and returns at once.
     *
     * @throws IllegalStateException when the service is not running
     */
    public FetchHandle submit(FetchRequest request) {
        Running now = running;
        if (now == null) {
            throw new IllegalStateException("the fetch service is " + state().label() + ": start it first");
        }
        Path target = FetchJob.finalTarget(request);
        FetchHandle handle = new FetchHandle(new Subject(ids.incrementAndGet(), request.profile().name(), target),
                request);
        active.put(handle.subject().fetchId(), handle);
        handle.result().whenComplete((last, failure) -> active.remove(handle.subject().fetchId()));
        bus.publish(new FetchEvent.Queued(java.time.Instant.now(), handle.subject()));
        FetchJob job = new FetchJob(handle, now.client(), now.timer(), now.slots(), tuning, bus::publish);
        try {
            executor.execute(job::run);
        } catch (RejectedExecutionException e) {
            job.refuse("the fetch could not be started: " + e.getMessage());
        }
        return handle;
    }
}
