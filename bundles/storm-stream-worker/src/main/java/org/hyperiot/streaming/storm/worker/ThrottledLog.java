package org.hyperiot.streaming.storm.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Warnings of a problem that repeats on every call while it lasts (Kafka unreachable, a commit refused):
 * one per kind per interval, with the number of repeats in between, so that a broker outage does not
 * flood the worker's log.
 */
final class ThrottledLog {

    private final Logger log;
    private final long intervalMs;
    private final LongSupplier clock;
    private final Map<String, long[]> kinds = new HashMap<>();

    ThrottledLog(Logger log, long intervalMs, LongSupplier clock) {
        this.log = log;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    /**
     * Logs the warning unless one of the same kind was logged less than the interval ago.
     *
     * @return whether it was logged
     */
    boolean warn(String kind, String message, Throwable error) {
        long now = clock.getAsLong();
        // [time of the last warning logged, repeats left out since]
        long[] last = kinds.get(kind);
        if (last != null && now - last[0] < intervalMs) {
            last[1]++;
            return false;
        }
        long repeats = last == null ? 0 : last[1];
        kinds.put(kind, new long[] {now, 0});
        String text = repeats == 0 ? message : message + " (" + repeats + " more times since the last warning)";
        log.warn(text, error);
        return true;
    }
}
