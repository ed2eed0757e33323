package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.function.ToIntFunction;

/**
 * What a correct windowed pipeline must emit for one grouping of the input (by device, by site): for
 * each key and 1 s window that holds readings, their count and the sum of their temperatures. Built
 * while the input is written, by brute force over every reading, so it does not depend on how the
 * input is partitioned or in which order a contestant reads it.
 */
final class ExpectedWindows {

    private final ToIntFunction<String> keyIndex;
    private final long[][] counts;
    private final double[][] sums;
    private long windows;

    /**
     * @param keys          how many keys the grouping has
     * @param windowsPerKey how many windows the input spans
     * @param keyIndex      a key's index, or -1 if the grouping has no such key
     */
    ExpectedWindows(int keys, int windowsPerKey, ToIntFunction<String> keyIndex) {
        this.keyIndex = keyIndex;
        this.counts = new long[keys][windowsPerKey];
        this.sums = new double[keys][windowsPerKey];
    }

    void add(int key, int window, double temp) {
        if (counts[key][window]++ == 0) {
            windows++;
        }
        sums[key][window] += temp;
    }

    /** The index of a window key, or -1 if it is none of this grouping's. */
    int keyIndex(String key) {
        return key == null ? -1 : keyIndex.applyAsInt(key);
    }

    int keys() {
        return counts.length;
    }

    int windowsPerKey() {
        return counts[0].length;
    }

    long count(int key, int window) {
        return counts[key][window];
    }

    double sum(int key, int window) {
        return sums[key][window];
    }

    /** How many results there must be: one per key and window with at least one reading. */
    long windows() {
        return windows;
    }
}
