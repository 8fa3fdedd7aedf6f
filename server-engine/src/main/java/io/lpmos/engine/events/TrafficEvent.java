package io.lpmos.engine.events;

/**
 * An event that arrives by the thousand under load — one per HTTP request or DHCP exchange, or a
 * progress report that the next one supersedes — and that a subscriber which falls behind may shed
 * (counting what it drops) without losing state it must show: lifecycle changes, notices, finished
 * transfers and fetch outcomes are never traffic events.
 */
public interface TrafficEvent extends EngineEvent {
}
