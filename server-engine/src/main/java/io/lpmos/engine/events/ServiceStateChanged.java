package io.lpmos.engine.events;

import io.lpmos.engine.lifecycle.ServiceState;
import java.time.Instant;

/** A service moved from one lifecycle state to another; {@code cause} is set for FAILED. */
public record ServiceStateChanged(Instant time, String service, ServiceState from, ServiceState to, String cause)
        implements EngineEvent {
}
