package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.BitSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The windowed output: one {@code {"key","windowStart","windowEnd","avgTemp","n"}} result per device
 * and 1 s window, keyed by the device, whose count and average equal what the input holds. The
 * results must be those of a brute-force computation over the input, hence equal across contestants.
 */
final class WindowOutputCheck extends OutputCheck {

    /** Averages are sums of the same doubles in possibly different orders: equal within rounding. */
    private static final double AVERAGE_TOLERANCE = 1e-9;

    private final TelemetryWorkload workload;
    private final BitSet seen;
    private long distinct;
    private long duplicates;

    WindowOutputCheck(TelemetryWorkload workload) {
        this.workload = workload;
        this.seen = new BitSet(workload.devices() * workload.windowsPerDevice());
    }

    @Override
    boolean check(String key, JsonNode value) {
        String deviceId = value.path("key").asText("");
        int device = deviceIndex(deviceId, workload.devices());
        long windowStart = value.path("windowStart").asLong(-1);
        int window = workload.windowIndex(windowStart);
        if (device < 0 || !deviceId.equals(key) || window < 0
                || window >= workload.windowsPerDevice() || workload.windowStart(window) != windowStart
                || value.path("windowEnd").asLong(-1) != windowStart + TelemetryWorkload.WINDOW_MS) {
            problem("not a window of the input (key " + key + "): " + value);
            return false;
        }
        long expectedCount = workload.windowCount(device, window);
        double expectedAverage = expectedCount == 0 ? Double.NaN : workload.windowSum(device, window) / expectedCount;
        long count = value.path("n").asLong(-1);
        double average = value.path("avgTemp").asDouble(Double.NaN);
        if (count != expectedCount
                || !(Math.abs(average - expectedAverage) <= AVERAGE_TOLERANCE * Math.max(1, Math.abs(expectedAverage)))) {
            problem("expected n=" + expectedCount + " avgTemp=" + expectedAverage + ", got " + value);
            return false;
        }
        int index = device * workload.windowsPerDevice() + window;
        if (seen.get(index)) {
            duplicates++;
        } else {
            seen.set(index);
            distinct++;
        }
        return true;
    }

    @Override
    Verdict verdict(Guarantee guarantee) {
        return verdict(guarantee, "windows equal to the input's", distinct, workload.windows(), duplicates);
    }
}
