package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.Arrays;

/**
 * The CPU time one process had used at successive moments of a run, so that the CPU time it spent in
 * any stretch of the run can be read afterwards: the stretch in which its outputs were appended is
 * known only once they have been read back. Between two samples the process is taken to have used
 * CPU at an even rate.
 */
public final class CpuTimeline {

    private long[] epochMillis = new long[256];
    private double[] cpuSeconds = new double[256];
    private int size;

    /**
     * Notes that the process had used {@code cpuSeconds} of CPU by {@code epochMillis}. Samples come in
     * time order; a sample without a usable CPU time (the process has gone) is ignored.
     */
    public void add(long atEpochMillis, double usedCpuSeconds) {
        if (!Double.isFinite(usedCpuSeconds)) {
            return;
        }
        if (size > 0 && atEpochMillis < epochMillis[size - 1]) {
            throw new IllegalArgumentException("samples must come in time order: " + atEpochMillis + " after "
                    + epochMillis[size - 1]);
        }
        if (size == epochMillis.length) {
            epochMillis = Arrays.copyOf(epochMillis, size * 2);
            cpuSeconds = Arrays.copyOf(cpuSeconds, size * 2);
        }
        epochMillis[size] = atEpochMillis;
        cpuSeconds[size] = usedCpuSeconds;
        size++;
    }

    /**
     * The CPU seconds the process used from {@code fromEpochMillis} to {@code toEpochMillis}, or NaN
     * when that stretch is not entirely between the first and the last sample.
     */
    public double secondsBetween(long fromEpochMillis, long toEpochMillis) {
        if (size < 2 || fromEpochMillis > toEpochMillis || fromEpochMillis < epochMillis[0]
                || toEpochMillis > epochMillis[size - 1]) {
            return Double.NaN;
        }
        return usedBy(toEpochMillis) - usedBy(fromEpochMillis);
    }

    /** The CPU seconds used from the first to the last sample, or NaN with fewer than two samples. */
    public double totalSeconds() {
        return size < 2 ? Double.NaN : cpuSeconds[size - 1] - cpuSeconds[0];
    }

    private double usedBy(long at) {
        int index = Arrays.binarySearch(epochMillis, 0, size, at);
        if (index >= 0) {
            // With several samples at the same millisecond, the last one holds what was used by then.
            while (index + 1 < size && epochMillis[index + 1] == at) {
                index++;
            }
            return cpuSeconds[index];
        }
        int after = -index - 1;
        int before = after - 1;
        double share = (double) (at - epochMillis[before]) / (epochMillis[after] - epochMillis[before]);
        return cpuSeconds[before] + share * (cpuSeconds[after] - cpuSeconds[before]);
    }
}
