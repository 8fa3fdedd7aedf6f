package io.lpmos.engine.lifecycle;

/**
 * One engine service (HTTP, TFTP, DHCP, registry, ...). Every service can be started and stopped any
 * number of times in one process. Implementations are thread-safe.
 */
public interface Service {
    /** Short stable name used in logs, events and the console ("http", "etcd"). */
    String name();

    ServiceState state();

    /** Operator-worded reason of the last failure, or {@code null} when the service has not failed. */
    String failureCause();

    /**
     * Starts the service and returns once it is RUNNING. On failure everything the attempt
     * started is undone, the state is FAILED and the exception carries the operator message.
     */
    void start() throws ServiceException;

    /** Stops the service and returns once it is STOPPED; stopping a stopped service does nothing. */
    void stop();

    void addListener(ServiceListener listener);

    void removeListener(ServiceListener listener);
}
