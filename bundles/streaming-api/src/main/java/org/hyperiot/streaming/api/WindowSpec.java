package org.hyperiot.streaming.api;

/** The shape of a window: which records of a key are aggregated together. */
public sealed interface WindowSpec permits TumblingWindow, SlidingWindow, SessionWindow, CountWindow {

    /** The kind of window. */
    WindowType type();
}
