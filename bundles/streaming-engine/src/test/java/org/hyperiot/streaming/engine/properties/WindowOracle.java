package org.hyperiot.streaming.engine.properties;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hyperiot.streaming.api.StreamRecord;

/**
 * Window results computed the slow, obvious way from the whole input, to compare the engine with.
 * Every window aggregates {@code count, sum, min, max, avg, first, last} of the value.
 */
final class WindowOracle {

    private WindowOracle() {
    }

    /** The aggregates every property window computes, as the builder adds them. */
    static org.hyperiot.streaming.api.WindowOperator.Builder withAggregates(
            org.hyperiot.streaming.api.WindowOperator.Builder window) {
        return window.count("n").sum("v", "sum").min("v", "min").max("v", "max").avg("v", "avg")
                .first("v", "first").last("v", "last");
    }

    /** The result record the engine should publish for a window holding {@code events} (in arrival order). */
    static StreamRecord result(String key, long start, long end, long timestamp, List<Event> events) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("key", key);
        value.put("windowStart", start);
        value.put("windowEnd", end);
        long sum = events.stream().mapToLong(Event::value).sum();
        value.put("n", (long) events.size());
        value.put("sum", sum);
        value.put("min", events.stream().mapToLong(Event::value).min().getAsLong());
        value.put("max", events.stream().mapToLong(Event::value).max().getAsLong());
        value.put("avg", (double) sum / events.size());
        // A stable sort keeps arrival order among equal times: first = earliest arrival, last = latest.
        List<Event> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparingLong(Event::time));
        value.put("first", byTime.get(0).value());
        value.put("last", byTime.get(byTime.size() - 1).value());
        return StreamRecord.of(key, value, timestamp);
    }

    /** Final results of every window, in no particular order. */
    static List<StreamRecord> finalResults(WindowShape shape, List<Event> events) {
        if (shape instanceof WindowShape.Tumbling t) {
            return fixedWindows(t.size(), t.size(), events);
        }
        if (shape instanceof WindowShape.Sliding s) {
            return fixedWindows(s.size(), s.slide(), events);
        }
        if (shape instanceof WindowShape.Session s) {
            return sessions(s.gap(), events);
        }
        WindowShape.Count c = (WindowShape.Count) shape;
        return countWindows(c.size(), c.slide(), events);
    }

    private static List<String> keysOf(List<Event> events) {
        List<String> keys = new ArrayList<>();
        for (Event e : events) {
            if (!keys.contains(e.key())) {
                keys.add(e.key());
            }
        }
        return keys;
    }

    private static List<Event> ofKey(List<Event> events, String key) {
        return events.stream().filter(e -> Objects.equals(e.key(), key)).toList();
    }

    private static List<StreamRecord> fixedWindows(long size, long slide, List<Event> events) {
        List<StreamRecord> results = new ArrayList<>();
        if (events.isEmpty()) {
            return results;
        }
        long min = events.stream().mapToLong(Event::time).min().getAsLong();
        long max = events.stream().mapToLong(Event::time).max().getAsLong();
        // Every multiple of slide from well before the first event to the last one.
        long first = Math.floorDiv(min - size, slide) * slide;
        for (String key : keysOf(events)) {
            for (long start = first; start <= max; start += slide) {
                long s = start;
                List<Event> inside = ofKey(events, key).stream()
                        .filter(e -> e.time() >= s && e.time() < s + size).toList();
                if (!inside.isEmpty()) {
                    results.add(result(key, s, s + size, s + size - 1, inside));
                }
            }
        }
        return results;
    }

    private static List<StreamRecord> sessions(long gap, List<Event> events) {
        List<StreamRecord> results = new ArrayList<>();
        for (String key : keysOf(events)) {
            List<Event> sorted = new ArrayList<>(ofKey(events, key));
            sorted.sort(Comparator.comparingLong(Event::time));
            List<Event> current = new ArrayList<>();
            for (Event e : sorted) {
                // Records at a distance of at most gap share a session.
                if (!current.isEmpty() && e.time() - current.get(current.size() - 1).time() > gap) {
                    results.add(session(key, gap, current, events));
                    current = new ArrayList<>();
                }
                current.add(e);
            }
            if (!current.isEmpty()) {
                results.add(session(key, gap, current, events));
            }
        }
        return results;
    }

    private static StreamRecord session(String key, long gap, List<Event> members, List<Event> arrivalOrder) {
        long start = members.get(0).time();
        long end = members.get(members.size() - 1).time() + gap;
        // Aggregate in arrival order so that ties of first/last resolve as the engine sees them.
        List<Event> inArrivalOrder = arrivalOrder.stream().filter(e -> containsSame(members, e)).toList();
        return result(key, start, end, end - 1, inArrivalOrder);
    }

    private static boolean containsSame(List<Event> events, Event candidate) {
        for (Event e : events) {
            if (e == candidate) {
                return true;
            }
        }
        return false;
    }

    private static List<StreamRecord> countWindows(long size, long slide, List<Event> events) {
        List<StreamRecord> results = new ArrayList<>();
        for (String key : keysOf(events)) {
            List<Event> ofKey = ofKey(events, key);
            for (long start = 0; start + size <= ofKey.size(); start += slide) {
                List<Event> window = ofKey.subList((int) start, (int) (start + size));
                long first = window.stream().mapToLong(Event::time).min().getAsLong();
                long last = window.stream().mapToLong(Event::time).max().getAsLong();
                results.add(result(key, first, last, last, window));
            }
        }
        return results;
    }
}
