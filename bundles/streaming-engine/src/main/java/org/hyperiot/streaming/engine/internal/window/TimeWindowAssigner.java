package org.hyperiot.streaming.engine.internal.window;

/** Finds the fixed event-time windows a timestamp belongs to. */
interface TimeWindowAssigner {

    /** Writes the starts of the windows covering {@code timestamp}, ascending, and returns how many there are. */
    int assign(long timestamp, long[] starts);

    /** The most windows one timestamp can belong to. */
    int maxWindowsPerRecord();

    /** The window length in milliseconds. */
    long size();
}
