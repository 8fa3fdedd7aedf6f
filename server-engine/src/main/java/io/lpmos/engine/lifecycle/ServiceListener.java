package io.lpmos.engine.lifecycle;

/**
 * Told about every state change of a service. Called on the thread that caused the change (the one
 * calling start/stop, or the service's own thread when it fails later); must not block.
 */
@FunctionalInterface
public interface ServiceListener {
    void stateChanged(Service service, ServiceState from, ServiceState to, String cause);
}
