package io.lpmos.engine.events;

import java.time.Duration;
import java.time.Instant;

/**
 * One HTTP request, published when its response completed.
 *
 * @param path  the raw request path as the client sent it (without the query string)
 * @param bytes response body bytes actually written
 */
public record HttpAccess(Instant time, int status, Duration latency, String client, String method, String path,
                         long bytes) implements EngineEvent {
}
