package io.lpmos.console.fx;

import io.lpmos.engine.events.EngineEvent;
import java.util.List;

/**
 * Engine events handed to the FX thread together, in publication order.
 *
 * @param events   the events of this batch (immutable)
 * @param received events taken from the engine bus since the pump started, this batch included
 * @param dropped  events lost since the pump started: refused by the bus because the pump's queue was
 *                 full, or shed by the pump because the FX thread fell behind
 */
public record EventBatch(List<EngineEvent> events, long received, long dropped) {
    public EventBatch {
        events = List.copyOf(events);
    }
}
