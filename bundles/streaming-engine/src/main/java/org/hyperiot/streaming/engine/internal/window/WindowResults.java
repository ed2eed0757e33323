package org.hyperiot.streaming.engine.internal.window;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;

/**
 * Builds window results: {@code {"key", "windowStart", "windowEnd", <aggregates>…}} keyed by the
 * window key. A time window's result carries the timestamp {@code windowEnd - 1}, the last
 * millisecond it covers, so that it falls inside the window it describes and downstream streams
 * window it consistently.
 */
final class WindowResults {

    /** The member marking a retraction; aggregates may not use it as their name. */
    static final String RETRACTED = "retracted";

    private final Aggregates aggregates;

    WindowResults(Aggregates aggregates) {
        this.aggregates = aggregates;
    }

    StreamRecord of(String key, long windowStart, long windowEnd, long timestamp, Object[] row) {
        Map<String, Object> value = new LinkedHashMap<>(8 + aggregates.size() * 2);
        value.put("key", key);
        value.put("windowStart", windowStart);
        value.put("windowEnd", windowEnd);
        aggregates.results(row, value);
        return new StreamRecord(key, value, timestamp, Map.of());
    }

    StreamRecord ofTimeWindow(WindowId id, Object[] row) {
        return of(id.key(), id.start(), id.end(), id.end() - 1, row);
    }

    /**
     * Withdraws a published result of a time window that a merge replaced: the same key, bounds and
     * timestamp as the result, with {@code "retracted": true} instead of the aggregates.
     */
    StreamRecord retraction(WindowId id) {
        Map<String, Object> value = new LinkedHashMap<>(8);
        value.put("key", id.key());
        value.put("windowStart", id.start());
        value.put("windowEnd", id.end());
        value.put(RETRACTED, true);
        return new StreamRecord(id.key(), value, id.end() - 1, Map.of());
    }
}
