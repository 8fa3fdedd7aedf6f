package io.lpmos.engine.events;

import java.time.Instant;

/**
 * A line an operator should read, such as "✓ Static file directories ready: /tftpboot". The headless
 * client prints these on stdout; the console shows them in its log.
 */
public record Notice(Instant time, String source, Level level, String text) implements EngineEvent {
    public enum Level { INFO, WARNING, ERROR }

    public static Notice info(String source, String text) {
        return new Notice(Instant.now(), source, Level.INFO, text);
    }

    public static Notice warning(String source, String text) {
        return new Notice(Instant.now(), source, Level.WARNING, text);
    }

    public static Notice error(String source, String text) {
        return new Notice(Instant.now(), source, Level.ERROR, text);
    }
}
