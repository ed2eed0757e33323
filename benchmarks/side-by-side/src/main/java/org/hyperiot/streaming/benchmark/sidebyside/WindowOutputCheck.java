package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.BitSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A windowed output: one {@code {"key","windowStart","windowEnd","avgTemp","n"}} result per key and
 * 1 s window, keyed by the window key, whose count and average equal what the input holds. The results
 * must be those of a brute-force computation over the input ({@link ExpectedWindows}), hence equal
 * across contestants.
 */
final class WindowOutputCheck extends OutputCheck {

    /** Averages are sums of the same doubles in possibly different orders: equal within rounding. */
    private static final double AVERAGE_TOLERANCE = 1e-9;

    private final TelemetryWorkload workload;
    private final ExpectedWindows expected;
    private final String results;
    private final BitSet seen;
    private long distinct;
    private long duplicates;

    private WindowOutputCheck(TelemetryWorkload workload, ExpectedWindows expected, String results) {
        this.workload = workload;
        this.expected = expected;
        this.results = results;
        this.seen = new BitSet(expected.keys() * expected.windowsPerKey());
    }

    /** The windowed scenario's results: per device; the end markers in the input close every window. */
    static WindowOutputCheck perDevice(TelemetryWorkload workload) {
        return new WindowOutputCheck(workload, workload.perDevice(), "windows equal to the input's");
    }

    /** The windowed-by-site scenario's results: per site, over the readings the filter keeps. */
    static WindowOutputCheck perSite(TelemetryWorkload workload) {
        return new WindowOutputCheck(workload, workload.perSite(), "site windows equal to the input's");
    }

    @Override
    boolean check(String key, JsonNode value) {
        String windowKey = value.path("key").asText("");
        int keyIndex = expected.keyIndex(windowKey);
        long windowStart = value.path("windowStart").asLong(-1);
        int window = workload.windowIndex(windowStart);
        if (keyIndex < 0 || !windowKey.equals(key) || window < 0
                || window >= expected.windowsPerKey() || workload.windowStart(window) != windowStart
                || value.path("windowEnd").asLong(-1) != windowStart + TelemetryWorkload.WINDOW_MS) {
            problem("not a window of the input (key " + key + "): " + value);
            return false;
        }
        long expectedCount = expected.count(keyIndex, window);
        double expectedAverage = expectedCount == 0 ? Double.NaN : expected.sum(keyIndex, window) / expectedCount;
        long count = value.path("n").asLong(-1);
        double average = value.path("avgTemp").asDouble(Double.NaN);
        if (count != expectedCount
                || !(Math.abs(average - expectedAverage) <= AVERAGE_TOLERANCE * Math.max(1, Math.abs(expectedAverage)))) {
            problem("expected n=" + expectedCount + " avgTemp=" + expectedAverage + ", got " + value);
            return false;
        }
        int index = keyIndex * expected.windowsPerKey() + window;
        if (seen.get(index)) {
            duplicates++;
        } else {
            seen.set(index);
            distinct++;
        }
        return true;
    }

    /** Whether every expected result has come, or as many outputs as there are results have come wrong. */
    boolean settled() {
        return distinct + wrong() >= expected.windows();
    }

    @Override
    Verdict verdict(Guarantee guarantee) {
        return verdict(guarantee, results, distinct, expected.windows(), duplicates);
    }
}
