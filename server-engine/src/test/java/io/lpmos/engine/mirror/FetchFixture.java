package io.lpmos.engine.mirror;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.FetchEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link FetchService} for tests, with every event recorded, short timings, and helpers
 * that make test files and profiles. Close it to stop the service and its threads.
 */
final class FetchFixture implements AutoCloseable {
    static final FetchTuning TUNING = new FetchTuning(Duration.ofMillis(1500), 256 * 1024, Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofMillis(50), 2, 3);

    final EventBus bus = new EventBus();
    final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final FetchService service;
    private final EventBus.Subscription recorder;

    FetchFixture() throws Exception {
        this(TUNING);
    }

    FetchFixture(FetchTuning tuning) throws Exception {
        recorder = bus.subscribe("test-recorder", 100_000, events::add);
        service = new FetchService(bus, executor, tuning);
        service.start();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        java.security.MessageDigest digest = FileHashing.newSha256();
        digest.update(bytes);
        return FileHashing.hex(digest);
    }

    /** A profile of {@code file} on {@code sites} and {@code mirrors}, checked against {@code content}. */
    static FetchProfile profile(String file, byte[] content, List<URI> sites, List<URI> mirrors) {
        return new FetchProfile("test-" + file, "static/iso", file, file, sites, mirrors, sha256(content), false,
                content.length, Compression.NONE, List.of());
    }

    FetchEvent fetch(FetchRequest request) throws Exception {
        return service.submit(request).result().get(60, TimeUnit.SECONDS);
    }

    /** The recorded events of one fetch, in order, once the recorder has seen everything published. */
    List<FetchEvent> eventsOf(long fetchId) throws InterruptedException {
        recorder.awaitDrained(5000);
        return events.stream().filter(FetchEvent.class::isInstance).map(FetchEvent.class::cast)
                .filter(e -> e.subject().fetchId() == fetchId).toList();
    }

    <T extends FetchEvent> List<T> eventsOf(Class<T> type) throws InterruptedException {
        recorder.awaitDrained(5000);
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    @Override
    public void close() throws Exception {
        service.stop();
        recorder.close();
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
