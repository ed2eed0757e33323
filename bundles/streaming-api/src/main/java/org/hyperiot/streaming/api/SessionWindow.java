package org.hyperiot.streaming.api;

import java.time.Duration;

/**
 * Sessions of activity per key: records whose event times are less than {@code gap} apart belong
 * to the same session, whose window is {@code [first event time, last event time + gap)}. A record
 * that bridges two sessions merges them.
 *
 * @param gap the inactivity that ends a session, whole milliseconds
 */
public record SessionWindow(Duration gap) implements WindowSpec {

    /** Returns {@link WindowType#SESSION}. */
    @Override
    public WindowType type() {
        return WindowType.SESSION;
    }
}
