package org.hyperiot.streaming.api;

/**
 * Windows of {@code size} records per key in the order the task receives them, a new one starting
 * every {@code slide} records ({@code slide == size} gives non-overlapping windows). Count windows
 * do not use watermarks, so no record is ever late for them. A count window's result reports as
 * {@code windowStart} and {@code windowEnd} the earliest and the latest event time among its records;
 * a window still filling when the input ends is never published.
 *
 * @param size  records per window, at least 1
 * @param slide records between window starts, between 1 and {@code size}
 */
public record CountWindow(long size, long slide) implements WindowSpec {

    /** Returns {@link WindowType#COUNT}. */
    @Override
    public WindowType type() {
        return WindowType.COUNT;
    }
}
