package org.hyperiot.streaming.itests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The results a keyed tumbling event-time window must give, computed by brute force from the input
 * taken as one ordered stream, with no partitions at all: the watermark is the highest event time seen
 * so far over the whole input minus {@code maxOutOfOrderness}, a record whose window ended at or before
 * it is late (no allowed lateness), and a window is published once, when the final watermark has passed
 * its end. Every record counts for the watermark, also one the pipeline filters out before the window.
 *
 * <p>What it computes per window is what the stream under test aggregates: the count {@code n}, the sum
 * {@code s} of a value, and the first and last event time {@code firstTs} and {@code lastTs}. A
 * partitioned stream that repartitions correctly gives exactly these, whatever the placement of the
 * keys on partitions and however the partitions interleave, as long as no record is later than the
 * disorder bound relative to what came before it in this order.
 */
final class OneStreamWindowOracle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;

    private OneStreamWindowOracle() {
    }

    /**
     * One input record as the oracle sees it.
     *
     * @param key       the value of the {@code keyBy} field
     * @param eventTime its event time
     * @param value     the summed value
     * @param kept      whether the pipeline's operators before the window let it through
     */
    record Input(String key, long eventTime, long value, boolean kept) {
    }

    /** A window: its key and start. */
    record Window(String key, long start) implements Comparable<Window> {

        @Override
        public int compareTo(Window other) {
            int byKey = Objects.compare(key, other.key, String::compareTo);
            return byKey != 0 ? byKey : Long.compare(start, other.start);
        }

        @Override
        public String toString() {
            return key + "@" + start;
        }
    }

    /** A window result, as the stream publishes it. */
    record Result(String key, long windowStart, long windowEnd, long n, long s, long firstTs, long lastTs) {

        Window window() {
            return new Window(key, windowStart);
        }

        /** Parses a published result; a retraction or anything else unexpected parses to a result that matches none. */
        static Result parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                if (node.path("retracted").asBoolean(false)) {
                    return new Result(node.path("key").asText(), node.path("windowStart").asLong(),
                            node.path("windowEnd").asLong(), -1, -1, -1, -1);
                }
                return new Result(node.path("key").asText(), node.path("windowStart").asLong(),
                        node.path("windowEnd").asLong(), node.path("n").asLong(-1), node.path("s").asLong(-1),
                        node.path("firstTs").asLong(-1), node.path("lastTs").asLong(-1));
            } catch (Exception e) {
                throw new IllegalArgumentException("not a window result: " + json, e);
            }
        }
    }

    /**
     * What the whole input must give.
     *
     * @param results        the published window results, by window
     * @param late           how many kept records were late
     * @param finalWatermark the watermark after the last record
     */
    record Expectation(Map<Window, Result> results, long late, long finalWatermark) {
    }

    /**
     * Runs the input, in the order given, through tumbling windows of {@code windowSize} with the
     * given disorder bound.
     */
    static Expectation run(List<Input> inOrder, long windowSize, long maxOutOfOrderness) {
        long maxSeen = Long.MIN_VALUE;
        long late = 0;
        Map<Window, long[]> open = new TreeMap<>();
        for (Input input : inOrder) {
            if (input.kept()) {
                long start = Math.floorDiv(input.eventTime(), windowSize) * windowSize;
                if (start + windowSize <= watermark(maxSeen, maxOutOfOrderness)) {
                    late++;
                } else {
                    long[] row = open.computeIfAbsent(new Window(input.key(), start),
                            w -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
                    row[0]++;
                    row[1] += input.value();
                    row[2] = Math.min(row[2], input.eventTime());
                    row[3] = Math.max(row[3], input.eventTime());
                }
            }
            maxSeen = Math.max(maxSeen, input.eventTime());
        }
        long finalWatermark = watermark(maxSeen, maxOutOfOrderness);
        Map<Window, Result> results = new TreeMap<>();
        open.forEach((window, row) -> {
            long end = window.start() + windowSize;
            if (end <= finalWatermark) {
                results.put(window, new Result(window.key(), window.start(), end, row[0], row[1], row[2], row[3]));
            }
        });
        return new Expectation(results, late, finalWatermark);
    }

    private static long watermark(long maxSeen, long maxOutOfOrderness) {
        return maxSeen == Long.MIN_VALUE ? Long.MIN_VALUE : maxSeen - maxOutOfOrderness;
    }

    /**
     * How the published results differ from the expected ones: a window published more than once, a
     * window missing, one that should not be there, or one with other aggregates. Empty when they are
     * exactly the expected ones.
     */
    static List<String> differences(Map<Window, Result> expected, List<String> published) {
        Map<Window, List<Result>> byWindow = new TreeMap<>();
        for (String json : published) {
            Result result = Result.parse(json);
            byWindow.computeIfAbsent(result.window(), w -> new ArrayList<>()).add(result);
        }
        List<String> repeated = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> unequal = new ArrayList<>();
        byWindow.forEach((window, results) -> {
            if (results.size() > 1) {
                repeated.add(window + " " + results.size() + " times: " + results);
            }
            Result want = expected.get(window);
            if (want == null) {
                unexpected.add(results.get(0).toString());
            } else if (!results.get(0).equals(want)) {
                unequal.add(results.get(0) + " instead of " + want);
            }
        });
        expected.keySet().stream().filter(window -> !byWindow.containsKey(window)).map(Window::toString)
                .forEach(missing::add);
        List<String> differences = new ArrayList<>();
        add(differences, "windows published more than once", repeated);
        add(differences, "windows missing", missing);
        add(differences, "windows not expected", unexpected);
        add(differences, "windows with other aggregates", unequal);
        return Collections.unmodifiableList(differences);
    }

    private static void add(List<String> differences, String what, List<String> found) {
        if (!found.isEmpty()) {
            differences.add(found.size() + " " + what + ", e.g. " + found.subList(0, Math.min(SHOWN, found.size())));
        }
    }
}
