package org.hyperiot.streaming.api;

import java.time.Duration;

/**
 * Windows {@code [n*slide, n*slide + size)} of event time, one set per key; a record belongs to every
 * window that covers its event time.
 *
 * @param size  the window length, whole milliseconds
 * @param slide how far apart window starts are, at most {@code size}
 */
public record SlidingWindow(Duration size, Duration slide) implements WindowSpec {

    /** Returns {@link WindowType#SLIDING}. */
    @Override
    public WindowType type() {
        return WindowType.SLIDING;
    }
}
