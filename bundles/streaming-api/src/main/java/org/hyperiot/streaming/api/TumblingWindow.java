package org.hyperiot.streaming.api;

import java.time.Duration;

/**
 * Windows {@code [n*size, (n+1)*size)} of event time (epoch milliseconds), one per key.
 *
 * @param size the window length, whole milliseconds
 */
public record TumblingWindow(Duration size) implements WindowSpec {

    /** Returns {@link WindowType#TUMBLING}. */
    @Override
    public WindowType type() {
        return WindowType.TUMBLING;
    }
}
