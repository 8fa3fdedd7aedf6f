package io.lpmos.console.mainwindow;

import io.lpmos.console.livelog.LogLine;
import io.lpmos.console.livelog.LogLineRenderer;
import io.lpmos.engine.events.EngineEvent;

/**
 * An engine event as the FX adapter hands it to the main window: the event, and its live-log line
 * rendered off the FX thread.
 *
 * @param logLine the line the live log shows, or null when it shows nothing for this event
 */
public record ConsoleEvent(EngineEvent event, LogLine logLine) {
    /** The {@code prepare} step of the FX adapter: renders the line on the calling (bus) thread. */
    public static ConsoleEvent prepare(LogLineRenderer renderer, EngineEvent event) {
        return new ConsoleEvent(event, renderer.render(event));
    }
}
