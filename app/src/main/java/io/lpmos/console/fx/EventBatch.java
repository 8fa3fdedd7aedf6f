package io.lpmos.console.fx;

import java.util.List;

/**
 * Engine events handed to the FX thread together, in publication order, each already prepared off
 * the FX thread by the pump's {@code prepare} function.
 *
 * @param items    the prepared events of this batch (immutable)
 * @param received events taken from the engine bus since the pump started, this batch included
 * @param dropped  events lost since the pump started: refused by the bus because the pump's queue was
 *                 full, or shed by the pump because the FX thread fell behind
 * @param <T>      what the pump's {@code prepare} function makes of an engine event
 */
public record EventBatch<T>(List<T> items, long received, long dropped) {
    public EventBatch {
        items = List.copyOf(items);
    }
}
