package io.lpmos.engine.lifecycle;

import static io.lpmos.engine.lifecycle.ServiceState.FAILED;
import static io.lpmos.engine.lifecycle.ServiceState.RUNNING;
import static io.lpmos.engine.lifecycle.ServiceState.STARTING;
import static io.lpmos.engine.lifecycle.ServiceState.STOPPED;
import static io.lpmos.engine.lifecycle.ServiceState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbstractServiceTest {

    /** One observed transition. */
    record Change(ServiceState from, ServiceState to, String cause) {
        static Change of(ServiceState from, ServiceState to) {
            return new Change(from, to, null);
        }
    }

    /**
     * A service whose {@code doStart} outcomes are scripted: each queued failure is thrown by one start
     * attempt, after that starts succeed.
     */
    static final class ScriptedService extends AbstractService {
        final Deque<RuntimeException> runtimeFailures = new ArrayDeque<>();
        final Deque<ServiceException> serviceFailures = new ArrayDeque<>();
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        ScriptedService() {
            super("demo");
        }

        @Override
        protected void doStart() throws ServiceException {
            starts.incrementAndGet();
            if (!serviceFailures.isEmpty()) {
                throw serviceFailures.poll();
            }
            if (!runtimeFailures.isEmpty()) {
                throw runtimeFailures.poll();
            }
        }

        @Override
        protected void doStop() {
            stops.incrementAndGet();
        }

        void die(String message) {
            reportFailure(message);
        }
    }

    private static List<Change> record(Service service) {
        List<Change> changes = Collections.synchronizedList(new ArrayList<>());
        service.addListener((s, from, to, cause) -> {
            assertThat(s).isSameAs(service);
            changes.add(new Change(from, to, cause));
        });
        return changes;
    }

    @Test
    void startAndStopMoveThroughEveryStateInOrder() throws ServiceException {
        ScriptedService service = new ScriptedService();
        List<Change> changes = record(service);
        assertThat(service.state()).isEqualTo(STOPPED);

        service.start();
        assertThat(service.state()).isEqualTo(RUNNING);
        service.stop();

        assertThat(service.state()).isEqualTo(STOPPED);
        assertThat(service.failureCause()).isNull();
        assertThat(changes).containsExactly(
                Change.of(STOPPED, STARTING), Change.of(STARTING, RUNNING),
                Change.of(RUNNING, STOPPING), Change.of(STOPPING, STOPPED));
        assertThat(service).hasToString("demo[stopped]");
    }

    @Test
    void serviceExceptionFromDoStartFailsWithItsMessageKept() {
        ScriptedService service = new ScriptedService();
        List<Change> changes = record(service);
        ServiceException cause = new ServiceException("port 8081 is in use — stop the program using it or choose another port");
        service.serviceFailures.add(cause);

        assertThatThrownBy(service::start).isSameAs(cause);

        assertThat(service.state()).isEqualTo(FAILED);
        assertThat(service.failureCause()).isEqualTo(cause.getMessage());
        assertThat(changes).containsExactly(Change.of(STOPPED, STARTING), new Change(STARTING, FAILED, cause.getMessage()));
    }

    @Test
    void runtimeExceptionFromDoStartIsWrappedInAnOperatorMessage() {
        ScriptedService service = new ScriptedService();
        IllegalStateException bug = new IllegalStateException("executor rejected task");
        service.runtimeFailures.add(bug);

        ServiceException thrown = catchThrowableOfType(ServiceException.class, service::start);

        assertThat(thrown).hasMessageStartingWith("demo failed to start: ")
                .hasMessageContaining("executor rejected task").hasCause(bug);
        assertThat(service.state()).isEqualTo(FAILED);
        assertThat(service.failureCause()).isEqualTo(thrown.getMessage());
    }

    @Test
    void aFailedServiceStartsAgain() throws ServiceException {
        ScriptedService service = new ScriptedService();
        service.serviceFailures.add(new ServiceException("not yet"));
        List<Change> changes = record(service);

        assertThatThrownBy(service::start).hasMessage("not yet");
        service.start();

        assertThat(service.state()).isEqualTo(RUNNING);
        assertThat(service.failureCause()).isNull();
        assertThat(changes).containsExactly(
                Change.of(STOPPED, STARTING), new Change(STARTING, FAILED, "not yet"),
                Change.of(FAILED, STARTING), Change.of(STARTING, RUNNING));
    }

    @Test
    void stoppingAStoppedServiceDoesNothing() {
        ScriptedService service = new ScriptedService();
        List<Change> changes = record(service);

        service.stop();
        service.stop();

        assertThat(changes).isEmpty();
        assertThat(service.stops).hasValue(0);
        assertThat(service.state()).isEqualTo(STOPPED);
    }

    @Test
    void startingARunningServiceDoesNothing() throws ServiceException {
        ScriptedService service = new ScriptedService();
        service.start();
        List<Change> changes = record(service);

        service.start();

        assertThat(changes).isEmpty();
        assertThat(service.starts).hasValue(1);
    }

    @Test
    void reportedFailureReleasesResourcesAndMovesRunningToFailed() throws ServiceException {
        ScriptedService service = new ScriptedService();
        service.start();
        List<Change> changes = record(service);

        service.die("TFTP socket closed by the system — start the service again");

        assertThat(service.state()).isEqualTo(FAILED);
        assertThat(service.failureCause()).isEqualTo("TFTP socket closed by the system — start the service again");
        assertThat(service.stops).hasValue(1);
        assertThat(changes).containsExactly(
                new Change(RUNNING, FAILED, "TFTP socket closed by the system — start the service again"));

        service.stop();
        assertThat(service.state()).isEqualTo(STOPPED);
        assertThat(service.failureCause()).as("the last failure stays readable").isNotNull();
    }

    @Test
    void reportedFailureOfAServiceThatIsNotRunningIsIgnored() {
        ScriptedService service = new ScriptedService();
        List<Change> changes = record(service);

        service.die("late report");

        assertThat(changes).isEmpty();
        assertThat(service.state()).isEqualTo(STOPPED);
        assertThat(service.failureCause()).isNull();
    }

    @Test
    void aThrowingListenerDoesNotStopTheLifecycleOrOtherListeners() throws ServiceException {
        ScriptedService service = new ScriptedService();
        service.addListener((s, from, to, cause) -> {
            throw new IllegalStateException("listener bug");
        });
        List<Change> changes = record(service);

        service.start();
        service.stop();

        assertThat(changes).hasSize(4);
        assertThat(service.state()).isEqualTo(STOPPED);
    }

    @Test
    void removedListenerHearsNothingMore() throws ServiceException {
        ScriptedService service = new ScriptedService();
        List<ServiceState> heard = new ArrayList<>();
        ServiceListener listener = (s, from, to, cause) -> heard.add(to);
        service.addListener(listener);
        service.start();
        service.removeListener(listener);

        service.stop();

        assertThat(heard).containsExactly(STARTING, RUNNING);
    }

    @Test
    void startsAndStopsFiftyTimes() throws ServiceException {
        ScriptedService service = new ScriptedService();
        List<Change> changes = record(service);

        for (int i = 0; i < 50; i++) {
            service.start();
            assertThat(service.state()).isEqualTo(RUNNING);
            service.stop();
            assertThat(service.state()).isEqualTo(STOPPED);
        }

        assertThat(service.starts).hasValue(50);
        assertThat(service.stops).hasValue(50);
        assertThat(changes).hasSize(200);
        for (int i = 0; i < 200; i += 4) {
            assertThat(changes.subList(i, i + 4)).containsExactly(
                    Change.of(STOPPED, STARTING), Change.of(STARTING, RUNNING),
                    Change.of(RUNNING, STOPPING), Change.of(STOPPING, STOPPED));
        }
    }

    /**
     * A worker thread that notices its socket closed and reports a failure, while {@code stop()} is
     * waiting for that very worker to end, must not hold the stop up.
     */
    @Test
    void workerReportingFailureWhileStopWaitsForItDoesNotDeadlock() throws Exception {
        CountDownLatch workerRunning = new CountDownLatch(1);
        AbstractService service = new AbstractService("worker") {
            private Thread worker;
            private CountDownLatch socketClosed;

            @Override
            protected void doStart() {
                CountDownLatch closed = new CountDownLatch(1);
                socketClosed = closed;
                worker = new Thread(() -> {
                    workerRunning.countDown();
                    try {
                        if (closed.await(10, TimeUnit.SECONDS)) {
                            reportFailure("socket closed under the worker");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "test-worker");
                worker.start();
            }

            @Override
            protected void doStop() {
                socketClosed.countDown();
                try {
                    worker.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        service.start();
        assertThat(workerRunning.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        service.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(service.state()).isEqualTo(STOPPED);
        assertThat(service.failureCause()).isNull();
    }

    /** A worker that fails while {@code start()} is still running must not be lost: the service ends FAILED. */
    @Test
    void failureReportedWhileStartingTakesEffectOnceStarted() throws Exception {
        CountDownLatch reporting = new CountDownLatch(1);
        AbstractService service = new AbstractService("early") {
            @Override
            protected void doStart() {
                Thread worker = new Thread(() -> {
                    reporting.countDown();
                    reportFailure("bind lost right after start");
                }, "test-early-worker");
                worker.start();
                try {
                    assertThat(reporting.await(5, TimeUnit.SECONDS)).isTrue();
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            protected void doStop() {
                // the worker above holds nothing that needs releasing
            }
        };

        service.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (service.state() != FAILED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(service.state()).isEqualTo(FAILED);
        assertThat(service.failureCause()).isEqualTo("bind lost right after start");
    }
}
