package org.hyperiot.streaming.engine.internal.window;

/** Arithmetic on epoch-millisecond times that saturates instead of wrapping. */
final class EventTimes {

    private EventTimes() {
    }

    static long plus(long time, long duration) {
        long sum = time + duration;
        return ((time ^ sum) & (duration ^ sum)) < 0 ? (time < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
