package io.lpmos.engine.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle state machine. Subclasses implement {@link #doStart()} (which must undo its own
 * partial work when it throws) and {@link #doStop()}; resources such as executors and sockets are
 * created anew in every {@code doStart}.
 */
public abstract class AbstractService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractService.class);

    private final String name;
    private final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private volatile ServiceState state = ServiceState.STOPPED;
    private volatile String failureCause;

    protected AbstractService(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ServiceState state() {
        return state;
    }

    @Override
    public final String failureCause() {
        return failureCause;
    }

    @Override
    public final void start() throws ServiceException {
        lifecycleLock.lock();
        try {
            if (state == ServiceState.RUNNING) {
                return;
            }
            failureCause = null;
            transition(ServiceState.STARTING, null);
            try {
                doStart();
            } catch (ServiceException e) {
                failed(e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                String message = name + " failed to start: " + e;
                LOG.debug(message, e);
                failed(message);
                throw new ServiceException(message, e);
            }
            transition(ServiceState.RUNNING, null);
        } finally {
            lifecycleLock.unlock();
        }
    }

    @Override
    public final void stop() {
        lifecycleLock.lock();
        try {
            if (state == ServiceState.STOPPED) {
                return;
            }
            boolean wasFailed = state == ServiceState.FAILED;
            transition(ServiceState.STOPPING, null);
            try {
                doStop();
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly: {}", name, e.toString());
            }
            if (!wasFailed) {
                failureCause = null;
            }
            transition(ServiceState.STOPPED, null);
        } finally {
            lifecycleLock.unlock();
        }
    }

    /**
     * Reports that a running service has died on its own (e.g. its socket was closed under it). The
     * service releases what it holds and moves to FAILED; a later {@link #start()} may try again.
     * A report made while the service is still STARTING waits for the start to finish; once the
     * service is stopping, stopped or failed the report is ignored, so a worker that sees its socket
     * closed by {@code doStop} may call this while {@link #stop()} waits for that worker.
     */
    protected final void reportFailure(String operatorMessage) {
        if (!lockForFailureReport()) {
            return;
        }
        try {
            if (state != ServiceState.RUNNING) {
                return;
            }
            try {
                doStop();
            } catch (RuntimeException e) {
                LOG.debug("cleanup after failure of {}", name, e);
            }
            failed(operatorMessage);
        } finally {
            lifecycleLock.unlock();
        }
    }

    /**
     * Takes the lifecycle lock for a failure report, giving up once the service is neither STARTING
     * nor RUNNING. {@code stop()} marks the service STOPPING before calling {@code doStop}, which may
     * wait for the very thread reporting here, so waiting for the lock unconditionally could deadlock.
     * An interrupt does not abandon the report; the interrupt status is restored.
     *
     * @return true when the lock is held and must be released by the caller
     */
    private boolean lockForFailureReport() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (lifecycleLock.tryLock(10, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                ServiceState now = state;
                if (now != ServiceState.STARTING && now != ServiceState.RUNNING) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failed(String message) {
        failureCause = message;
        transition(ServiceState.FAILED, message);
    }

    private void transition(ServiceState to, String cause) {
        ServiceState from = state;
        state = to;
        for (ServiceListener listener : listeners) {
            try {
                listener.stateChanged(this, from, to, cause);
            } catch (RuntimeException e) {
                LOG.warn("service listener failed on {} {} → {}: {}", name, from, to, e.toString());
            }
        }
    }

    @Override
    public final void addListener(ServiceListener listener) {
        listeners.add(listener);
    }

    @Override
    public final void removeListener(ServiceListener listener) {
        listeners.remove(listener);
    }

    /** Acquires every resource and returns once the service works; on failure releases them and throws. */
    protected abstract void doStart() throws ServiceException;

    /** Releases every resource; must tolerate a partially started service. */
    protected abstract void doStop();

    @Override
    public String toString() {
        return name + "[" + state.label() + "]";
    }
}
