package io.lpmos.engine.testing;

import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.Notice;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An {@link Engine} for tests: boot tree prepared under a temporary root, HTTP on 127.0.0.1 and a
 * free port, every event recorded. The HTTP service is not started by {@link #create}; call
 * {@link #start()} (or start it directly to inspect a failure). {@link #close()} stops everything.
 */
public final class TestEngine implements AutoCloseable {
    private final Engine engine;
    private final EventBus.Subscription recorder;
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();

    private TestEngine(EngineConfig config) {
        EventBus bus = new EventBus();
        this.recorder = bus.subscribe("test-recorder", 100_000, events::add);
        this.engine = new Engine(config, bus);
    }

    /**
     * @param root    the static root (a JUnit temporary folder)
     * @param options adds the options under test to a builder already set to 127.0.0.1, port 0
     */
    public static TestEngine create(Path root, UnaryOperator<EngineConfig.Builder> options) throws IOException {
        EngineConfig config = options.apply(EngineConfig.builder()
                .idc("test").serverIp("127.0.0.1").listenAddress("127.0.0.1").apiPort(0).staticRoot(root)).build();
        TestEngine test = new TestEngine(config);
        test.engine.prepareBootTree();
        return test;
    }

    /** Starts the HTTP service; throws its operator-worded exception on failure. */
    public TestEngine start() throws Exception {
        engine.http().start();
        return this;
    }

    public Engine engine() {
        return engine;
    }

    public int port() {
        return engine.http().boundPort();
    }

    /** e.g. {@code https://127.0.0.1:41234/static/x} for {@code uri("/static/x")}. */
    public URI uri(String path) {
        return engine.http().uri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** Notices published so far. */
    public List<Notice> notices() {
        return events.stream().filter(Notice.class::isInstance).map(Notice.class::cast).toList();
    }

    /** The first notice matching {@code match}, waiting up to 5 s for it to be published. */
    public Notice awaitNotice(Predicate<Notice> match) throws InterruptedException {
        return awaitEvent(Notice.class, match);
    }

    /** The first access-log event matching {@code match}, waiting up to 5 s (it follows the response). */
    public HttpAccess awaitAccess(Predicate<HttpAccess> match) throws InterruptedException {
        return awaitEvent(HttpAccess.class, match);
    }

    private <T extends EngineEvent> T awaitEvent(Class<T> type, Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            for (EngineEvent event : events) {
                if (type.isInstance(event) && match.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching " + type.getSimpleName() + " within 5 s; events: " + events);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        engine.close();
        recorder.close();
    }
}
