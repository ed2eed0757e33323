package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks one run's output against what the input must give, so that a fast wrong answer cannot win,
 * and keeps every output's append time, from which the throughput is measured.
 */
abstract class OutputCheck implements OutputTopic.Visitor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private long[] appendTimes = new long[1 << 16];
    private long outputs;
    private long malformed;
    private String firstProblem;

    @Override
    public final void record(byte[] key, byte[] value, long appendTime) {
        if (outputs == appendTimes.length) {
            appendTimes = Arrays.copyOf(appendTimes, appendTimes.length * 2);
        }
        appendTimes[(int) outputs++] = appendTime;
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (IOException e) {
            problem("not JSON: " + new String(value, StandardCharsets.UTF_8));
            malformed++;
            return;
        }
        if (!check(key == null ? null : new String(key, StandardCharsets.UTF_8), json)) {
            malformed++;
        }
    }

    /** Checks one output; returns false (after {@link #problem}) when it is not a possible result. */
    abstract boolean check(String key, JsonNode value);

    /** The verdict, once every output has been read. */
    abstract Verdict verdict(Guarantee guarantee);

    /**
     * The verdict shared by both pipelines: every expected result present, nothing wrong, and unless
     * at-least-once nothing twice (at-most-once may lose results in a crash, never in a run without
     * one). {@code results} names what was counted ("expected", "windows …").
     */
    final Verdict verdict(Guarantee guarantee, String results, long distinct, long expected, long duplicates) {
        long missing = expected - distinct;
        boolean correct = missing == 0 && malformed == 0
                && (guarantee == Guarantee.AT_LEAST_ONCE || duplicates == 0);
        String summary = String.format("%,d of %,d %s, %,d missing, %,d duplicates, %,d wrong",
                distinct, expected, results, missing, duplicates, malformed);
        if (firstProblem != null) {
            summary += "; first wrong: "
                    + (firstProblem.length() <= 160 ? firstProblem : firstProblem.substring(0, 157) + "...");
        }
        return new Verdict(correct, summary);
    }

    /** The index of a device id of the input ({@code d0042} is 42), or -1 if it is none of them. */
    static int deviceIndex(String deviceId, int devices) {
        if (deviceId == null || deviceId.length() != 5 || deviceId.charAt(0) != 'd') {
            return -1;
        }
        try {
            int device = Integer.parseInt(deviceId.substring(1));
            return device < devices ? device : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    final void problem(String description) {
        if (firstProblem == null) {
            firstProblem = description;
        }
    }

    final long outputs() {
        return outputs;
    }

    /** Outputs that are not a possible result. */
    final long wrong() {
        return malformed;
    }

    /** The latest append time of an output, or {@link Long#MIN_VALUE} before the first. */
    final long lastAppendTime() {
        long last = Long.MIN_VALUE;
        for (int output = 0; output < outputs; output++) {
            last = Math.max(last, appendTimes[output]);
        }
        return last;
    }

    /**
     * The stretch of the run the figures are taken from: between the 5th and the 95th percentile of
     * the outputs' append times, in which the middle 90 % of the input was processed. Leaving out both
     * ends keeps start-up (JVM start, group joins, the first rebalance) and the last commit out of
     * figures meant to show steady speed and cost; the outputs of the stateless and the per-device
     * windowed pipelines follow their input evenly, so their percentiles track the input's (not so
     * the windowed-by-site results of Kafka Streams, see {@code SideBySideBenchmark}). Null with fewer
     * than two outputs.
     */
    final MeasuredStretch measuredStretch() {
        if (outputs < 2) {
            return null;
        }
        long[] sorted = Arrays.copyOf(appendTimes, (int) outputs);
        Arrays.sort(sorted);
        long from = sorted[(int) (outputs * 5 / 100)];
        long to = sorted[(int) Math.min(outputs - 1, outputs * 95 / 100)];
        if (to - from < 50) {
            // Too few outputs to trust percentiles (a smoke run): take everything.
            return new MeasuredStretch(sorted[0], sorted[(int) outputs - 1], 1.0);
        }
        return new MeasuredStretch(from, to, 0.9);
    }

    /**
     * Part of a run, by broker append time (epoch milliseconds, the machine's clock).
     *
     * @param inputShare the share of the input processed in it
     */
    record MeasuredStretch(long fromEpochMillis, long toEpochMillis, double inputShare) {
    }

    /** A run's outcome: whether its output is correct, and in a few words why (not). */
    record Verdict(boolean correct, String summary) {
    }
}
