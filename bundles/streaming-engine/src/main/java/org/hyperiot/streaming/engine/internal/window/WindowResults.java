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
}
