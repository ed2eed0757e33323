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

    final void problem(String description) {
        if (firstProblem == null) {
            firstProblem = description;
        }
    }

    final long outputs() {
        return outputs;
    }

    final long malformed() {
        return malformed;
    }

    final String firstProblem() {
        return firstProblem;
    }

    /**
     * Input records per second: the middle 90 % of the input over the time between the 5th and the
     * 95th percentile of the outputs' append times. Leaving out both ends keeps start-up (group
     * joins, the first rebalance) and the last commit out of a figure meant to show steady speed; the
     * outputs of both pipelines follow their input evenly, so their percentiles track the input's.
     */
    final double recordsPerSecond(long inputRecords) {
        if (outputs < 2) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(appendTimes, (int) outputs);
        Arrays.sort(sorted);
        long from = sorted[(int) (outputs * 5 / 100)];
        long to = sorted[(int) Math.min(outputs - 1, outputs * 95 / 100)];
        double share = 0.9;
        if (to - from < 50) {
            // Too few outputs to trust percentiles (a smoke run): take everything.
            from = sorted[0];
            to = sorted[(int) outputs - 1];
            share = 1.0;
        }
        return share * inputRecords * 1000.0 / Math.max(1, to - from);
    }

    /** A run's outcome: whether its output is correct, and in a few words why (not). */
    record Verdict(boolean correct, String summary) {
    }
}
