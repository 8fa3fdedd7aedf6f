package io.lpmos.engine.events;

import java.time.Instant;

/** What the etcd registration did: registered, heartbeat started, lost, retrying, revoked. */
public record RegistryEvent(Instant time, String idc, Kind kind, long leaseId, String message) implements EngineEvent {
    public enum Kind { REGISTERED, HEARTBEAT_STARTED, CONNECTION_LOST, RETRYING, REVOKED }
}
