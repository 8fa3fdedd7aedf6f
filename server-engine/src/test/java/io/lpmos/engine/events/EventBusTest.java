package io.lpmos.engine.events;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest {
    /** A minimal event carrying its publication sequence number. */
    record Tick(Instant time, int seq) implements EngineEvent {
        static Tick of(int seq) {
            return new Tick(Instant.EPOCH, seq);
        }
    }

    private final EventBus bus = new EventBus();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    /** Consumers that block wait on this; released after every test so no drain thread outlives it. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeSubscriptions() {
        release.countDown();
        subscriptions.forEach(EventBus.Subscription::close);
    }

    private EventBus.Subscription subscribe(String name, int capacity, Consumer<EngineEvent> consumer, Runnable batchEnd) {
        EventBus.Subscription subscription = bus.subscribe(name, capacity, consumer, batchEnd);
        subscriptions.add(subscription);
        return subscription;
    }

    /** A consumer that blocks inside its first call until {@link #release} opens, recording every event. */
    private Consumer<EngineEvent> blockingOnFirst(CountDownLatch entered, List<Integer> seen) {
        return event -> {
            seen.add(((Tick) event).seq());
            if (entered.getCount() > 0) {
                entered.countDown();
                awaitQuietly(release);
            }
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, SECONDS)).as("latch opened in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everySubscriberSeesEveryEventInPublicationOrderOnItsOwnThread() throws InterruptedException {
        List<Integer> first = Collections.synchronizedList(new ArrayList<>());
        List<Integer> second = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = new CopyOnWriteArrayList<>();
        EventBus.Subscription a = subscribe("first", 20_000, e -> first.add(((Tick) e).seq()), null);
        EventBus.Subscription b = subscribe("second", 20_000, e -> {
            second.add(((Tick) e).seq());
            if (threads.isEmpty()) {
                threads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
            }
        }, null);

        IntStream.range(0, 10_000).forEach(i -> bus.publish(Tick.of(i)));

        assertThat(a.awaitDrained(10_000)).isTrue();
        assertThat(b.awaitDrained(10_000)).isTrue();
        List<Integer> expected = IntStream.range(0, 10_000).boxed().toList();
        assertThat(first).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        assertThat(threads).containsExactly("events-second daemon");
        assertThat(a.delivered()).isEqualTo(10_000);
        assertThat(bus.droppedTotal()).isZero();
    }

    @Test
    void aSlowSubscriberDoesNotSlowPublishing() {
        EventBus.Subscription slow = subscribe("slow", 16, e -> sleep(Duration.ofMillis(10)), null);

        long started = System.nanoTime();
        IntStream.range(0, 100_000).forEach(i -> bus.publish(Tick.of(i)));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        slow.close();

        // 100,000 events at 10 ms each would take 1,000 s if publish waited for the subscriber.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
        assertThat(slow.dropped()).isGreaterThan(99_000);
        assertThat(slow.delivered() + slow.dropped()).isEqualTo(100_000);
    }

    @Test
    void dropsAreCountedExactlyWhenTheQueueIsFull() throws InterruptedException {
        int capacity = 50;
        CountDownLatch entered = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        EventBus.Subscription blocked = subscribe("blocked", capacity, blockingOnFirst(entered, seen), null);
        List<Integer> other = new CopyOnWriteArrayList<>();
        EventBus.Subscription roomy = subscribe("roomy", 1_000, e -> other.add(((Tick) e).seq()), null);

        bus.publish(Tick.of(0));
        assertThat(entered.await(5, SECONDS)).isTrue();
        for (int i = 1; i <= capacity + 37; i++) {
            bus.publish(Tick.of(i));
        }

        assertThat(blocked.dropped()).isEqualTo(37);
        assertThat(bus.droppedTotal()).isEqualTo(37);
        release.countDown();
        assertThat(blocked.awaitDrained(5_000)).isTrue();
        assertThat(roomy.awaitDrained(5_000)).isTrue();
        assertThat(seen).isEqualTo(IntStream.rangeClosed(0, capacity).boxed().toList());
        assertThat(blocked.delivered()).isEqualTo(capacity + 1);
        assertThat(other).hasSize(capacity + 38);
        assertThat(roomy.dropped()).isZero();
    }

    @Test
    void batchEndRunsAfterEachBatchNotAfterEachEvent() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Consumer<EngineEvent> blocking = blockingOnFirst(entered, seen);
        EventBus.Subscription subscription = subscribe("batched", 1_000, event -> {
            calls.add("event " + ((Tick) event).seq());
            blocking.accept(event);
        }, () -> calls.add("batch end"));

        bus.publish(Tick.of(0));
        assertThat(entered.await(5, SECONDS)).isTrue();
        for (int i = 1; i <= 100; i++) {
            bus.publish(Tick.of(i));
        }
        release.countDown();
        assertThat(subscription.awaitDrained(5_000)).isTrue();

        // event 0 was taken alone; events 1..100 queued up meanwhile and form one batch
        assertThat(calls).hasSize(103).startsWith("event 0", "batch end", "event 1").endsWith("event 100", "batch end");
        assertThat(calls.stream().filter("batch end"::equals)).hasSize(2);
    }

    @Test
    void awaitDrainedWaitsForTheEventStillInsideTheConsumer() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        EventBus.Subscription subscription = subscribe("busy", 10, blockingOnFirst(entered, seen), null);

        bus.publish(Tick.of(0));
        assertThat(entered.await(5, SECONDS)).isTrue();

        assertThat(subscription.awaitDrained(200)).as("drained while the consumer still runs").isFalse();
        release.countDown();
        assertThat(subscription.awaitDrained(5_000)).isTrue();
        assertThat(subscription.delivered()).isEqualTo(1);
    }

    @Test
    void aThrowingSubscriberKeepsReceivingAndDoesNotDisturbOthers() throws InterruptedException {
        List<Integer> seenByThrowing = new CopyOnWriteArrayList<>();
        AtomicInteger batchEnds = new AtomicInteger();
        EventBus.Subscription throwing = subscribe("throwing", 1_000, event -> {
            int seq = ((Tick) event).seq();
            seenByThrowing.add(seq);
            if (seq % 25 == 0) {
                throw new IllegalStateException("subscriber bug on " + seq);
            }
        }, () -> {
            batchEnds.incrementAndGet();
            throw new IllegalStateException("flush failed");
        });
        List<Integer> seenByHealthy = new CopyOnWriteArrayList<>();
        EventBus.Subscription healthy = subscribe("healthy", 1_000, e -> seenByHealthy.add(((Tick) e).seq()), null);

        for (int i = 0; i < 100; i++) {
            bus.publish(Tick.of(i));
        }
        assertThat(throwing.awaitDrained(5_000)).isTrue();
        bus.publish(Tick.of(100));
        assertThat(throwing.awaitDrained(5_000)).isTrue();
        assertThat(healthy.awaitDrained(5_000)).isTrue();

        List<Integer> all = IntStream.rangeClosed(0, 100).boxed().toList();
        assertThat(seenByThrowing).isEqualTo(all);
        assertThat(seenByHealthy).isEqualTo(all);
        assertThat(throwing.delivered()).as("calls that returned normally").isEqualTo(101 - 5);
        assertThat(batchEnds).hasValueGreaterThanOrEqualTo(2);
    }

    @Test
    void closeDeliversWhatWasQueuedThenStopsReceiving() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        EventBus.Subscription subscription = subscribe("closing", 1_000, blockingOnFirst(entered, seen), null);

        bus.publish(Tick.of(0));
        assertThat(entered.await(5, SECONDS)).isTrue();
        for (int i = 1; i <= 500; i++) {
            bus.publish(Tick.of(i));
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(subscription::close);
        release.countDown();
        closing.get(5, SECONDS);

        assertThat(seen).isEqualTo(IntStream.rangeClosed(0, 500).boxed().toList());
        bus.publish(Tick.of(501));
        assertThat(seen).hasSize(501);
        assertThat(subscription.dropped()).isZero();
        assertThat(bus.droppedTotal()).isZero();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
