package io.lpmos.engine.events;

import java.time.Instant;

/** Something an engine service reports. Events are immutable values, safe to hand to any thread. */
public interface EngineEvent {
    /** When the event happened (for requests: when the response completed). */
    Instant time();
}
