package io.lpmos.engine.lifecycle;

/** The states every engine service moves through: STOPPED → STARTING → RUNNING → STOPPING → STOPPED, or FAILED. */
public enum ServiceState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    /** Start failed or the service died; {@link Service#failureCause()} says why in operator words. */
    FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
