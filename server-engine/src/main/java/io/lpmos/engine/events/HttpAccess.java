package io.lpmos.engine.events;

import java.time.Duration;
import java.time.Instant;

/**
 * One HTTP request, published when its response completed.
 *
 * @param path  the percent-decoded request path, followed by {@code ?} and the raw query when there is
 *              one (as Gin logs it), e.g. {@code /static/a b.txt?x=%20}
 * @param bytes response body bytes actually written
 */
public record HttpAccess(Instant time, int status, Duration latency, String client, String method, String path,
                         long bytes) implements TrafficEvent {
}
