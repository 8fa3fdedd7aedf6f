package io.lpmos.engine.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bus services publish typed events on. {@link #publish} never blocks: each subscriber has
 * its own bounded queue drained by its own daemon thread, so a slow subscriber (a terminal, the FX
 * thread) cannot slow request handling; events that do not fit are dropped and counted per subscriber.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    /** Most events one subscriber handles between two batch ends. */
    static final int MAX_BATCH = 4096;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** Publishes to every subscriber; safe from any thread; never blocks. */
    public void publish(EngineEvent event) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /**
     * Subscribes a consumer. It is called on a dedicated thread named {@code events-<name>}, one event
     * at a time, in publication order. {@code batchEnd} (may be null) runs after every batch of
     * events taken from the queue together (at most {@value #MAX_BATCH}), e.g. to flush a buffered writer.
     */
    public Subscription subscribe(String name, int capacity, Consumer<? super EngineEvent> consumer, Runnable batchEnd) {
        Subscription subscription = new Subscription(name, capacity, consumer, batchEnd);
        subscriptions.add(subscription);
        subscription.thread.start();
        return subscription;
    }

    public Subscription subscribe(String name, int capacity, Consumer<? super EngineEvent> consumer) {
        return subscribe(name, capacity, consumer, null);
    }

    /** Sum of events dropped over all current subscribers. */
    public long droppedTotal() {
        return subscriptions.stream().mapToLong(Subscription::dropped).sum();
    }

    public final class Subscription implements AutoCloseable {
        private final String name;
        /** Lock-free so that publishing threads never park on each other or on the consumer. */
        private final ConcurrentLinkedQueue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final int capacity;
        /** Set while the consumer thread is parked waiting for events. */
        private volatile boolean idle;
        private final Consumer<? super EngineEvent> consumer;
        private final Runnable batchEnd;
        private final LongAdder dropped = new LongAdder();
        private final LongAdder delivered = new LongAdder();
        /** Events that entered the queue. */
        private final LongAdder accepted = new LongAdder();
        /** Events taken from the queue whose consumer call (and batch end, if one followed) has returned. */
        private final AtomicLong handled = new AtomicLong();
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final Thread thread;

        private Subscription(String name, int capacity, Consumer<? super EngineEvent> consumer, Runnable batchEnd) {
            this.name = name;
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.capacity = capacity;
            this.consumer = consumer;
            this.batchEnd = batchEnd;
            this.thread = new Thread(this::drain, "events-" + name);
            this.thread.setDaemon(true);
        }

        void offer(EngineEvent event) {
            if (queued.incrementAndGet() > capacity) {
                queued.decrementAndGet();
                dropped.increment();
                return;
            }
            accepted.increment();
            queue.offer(event);
            if (idle) {
                LockSupport.unpark(thread);
            }
        }

        private void drain() {
            List<EngineEvent> batch = new ArrayList<>(MAX_BATCH);
            while (open.get() || !queue.isEmpty()) {
                EngineEvent event;
                while (batch.size() < MAX_BATCH && (event = queue.poll()) != null) {
                    batch.add(event);
                }
                if (batch.isEmpty()) {
                    awaitEvents();
                    continue;
                }
                queued.addAndGet(-batch.size());
                for (EngineEvent each : batch) {
                    deliver(each);
                }
                int size = batch.size();
                batch.clear();
                if (batchEnd != null) {
                    try {
                        batchEnd.run();
                    } catch (RuntimeException e) {
                        LOG.warn("event subscriber {} failed at batch end: {}", name, e.toString());
                    }
                }
                handled.addAndGet(size);
                if (size > 1 && open.get()) {
                    letBurstAccumulate();
                }
            }
        }

        /** Parks until a publisher signals, close() is called, or 200 ms pass. */
        private void awaitEvents() {
            idle = true;
            if (queue.isEmpty() && open.get()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
            }
            idle = false;
        }

        /**
         * Under sustained traffic, waits a moment so the next batch is larger: the subscriber thread
         * then wakes at most about a thousand times a second instead of once per event, and publishers
         * rarely have to wake a sleeping consumer.
         */
        private static void letBurstAccumulate() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(EngineEvent event) {
            try {
                consumer.accept(event);
                delivered.increment();
            } catch (RuntimeException e) {
                LOG.warn("event subscriber {} failed on {}: {}", name, event.getClass().getSimpleName(), e.toString());
            }
        }

        public String name() {
            return name;
        }

        /** Events that arrived while this subscriber's queue was full. */
        public long dropped() {
            return dropped.sum();
        }

        public long delivered() {
            return delivered.sum();
        }

        /**
         * Waits (bounded) until every event queued before this call has been handed to the consumer and
         * the consumer has returned, including the batch end that followed the last of them. An event
         * taken from the queue but still inside the consumer is not yet drained.
         *
         * @return false when the timeout passed first
         */
        public boolean awaitDrained(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long target = accepted.sum();
            while (handled.get() < target) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        }

        /** Stops delivery after what is already queued has been delivered (bounded wait). */
        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                subscriptions.remove(this);
                LockSupport.unpark(thread);
                try {
                    thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
