package org.hyperiot.streaming.itests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kill matrix's verdicts: what each guarantee allows a stream's output to be, given the input that
 * was actually written. Pure functions of the records read back, so that {@code KillMatrixChecksTest}
 * can show that each of them catches what it is there to catch.
 */
final class KillMatrixChecks {

    static final String AT_MOST_ONCE = "at-most-once";
    static final String AT_LEAST_ONCE = "at-least-once";
    static final String EXACTLY_ONCE = "exactly-once";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;

    private KillMatrixChecks() {
    }

    /** What a check found: a line for the report, and the violations (none when the guarantee held). */
    record Verdict(String summary, List<String> violations) {
    }

    /** A window result of the matrix's windowed streams (count {@code n} and the first and last sequence number). */
    record WindowResult(String key, long windowStart, long n, long firstSeq, long lastSeq) {

        static WindowResult parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                return new WindowResult(node.path("key").asText(), node.path("windowStart").asLong(),
                        node.path("n").asLong(-1), node.path("firstSeq").asLong(-1), node.path("lastSeq").asLong(-1));
            } catch (Exception e) {
                throw new IllegalArgumentException("not a window result: " + json, e);
            }
        }

        String window() {
            return key + "@" + windowStart;
        }

        boolean sameCounts(WindowResult other) {
            return n == other.n && firstSeq == other.firstSeq && lastSeq == other.lastSeq;
        }
    }

    /** A changelog record as a {@code read_committed} reader sees it; a null value is a tombstone. */
    record ChangelogRecord(String key, byte[] value) {
    }

    /**
     * Sequence-numbered outputs, one per input record: exactly-once has no gap and no repeat,
     * at-least-once no gap, at-most-once no repeat; a sequence number never sent is always wrong.
     *
     * @param perDevice the number of input records of each device the stream reads (sequence numbers 0 … n-1)
     * @param outputs   the stream's outputs: key = device, value = JSON with {@code seq}
     */
    static Verdict sequences(String stream, String guarantee, Map<String, Integer> perDevice,
            List<OutputLog.Output> outputs) {
        Map<String, List<Long>> seen = new TreeMap<>();
        for (OutputLog.Output output : outputs) {
            seen.computeIfAbsent(output.key(), k -> new ArrayList<>()).add(longField(output.value(), "seq"));
        }
        List<String> violations = new ArrayList<>();
        long missing = 0;
        long repeated = 0;
        for (Map.Entry<String, Integer> device : perDevice.entrySet()) {
            List<Long> seqs = seen.getOrDefault(device.getKey(), List.of());
            Set<Long> distinct = new HashSet<>(seqs);
            repeated += seqs.size() - distinct.size();
            for (long s = 0; s < device.getValue(); s++) {
                if (!distinct.contains(s)) {
                    missing++;
                }
            }
            distinct.removeIf(s -> s >= 0 && s < device.getValue());
            if (!distinct.isEmpty()) {
                violations.add(stream + ": " + device.getKey() + " has sequence numbers never sent: " + distinct);
            }
        }
        Set<String> strangers = new HashSet<>(seen.keySet());
        strangers.removeAll(perDevice.keySet());
        if (!strangers.isEmpty()) {
            violations.add(stream + ": outputs of devices it does not read: " + strangers);
        }
        if (missing > 0 && !guarantee.equals(AT_MOST_ONCE)) {
            violations.add(stream + " (" + guarantee + "): " + missing + " records missing");
        }
        if (repeated > 0 && !guarantee.equals(AT_LEAST_ONCE)) {
            violations.add(stream + " (" + guarantee + "): " + repeated + " records repeated");
        }
        return new Verdict(String.format("%,d records read, %,d missing, %,d repeated", outputs.size(), missing,
                repeated), violations);
    }

    /**
     * Event-time window results against those of the same definition run without a crash over the
     * same input: exactly-once gives exactly those; at-least-once gives every one of them, with counts at
     * least the expected ones (a record may be counted again) and repeats only identical; at-most-once
     * gives each window at most once, with counts at most the expected ones.
     */
    static Verdict windows(String stream, String guarantee, List<String> expected, List<String> actual) {
        return switch (guarantee) {
            case EXACTLY_ONCE -> exactlyOnceWindows(stream, expected, actual);
            case AT_LEAST_ONCE -> atLeastOnceWindows(stream, expected, actual);
            case AT_MOST_ONCE -> atMostOnceWindows(stream, expected, actual);
            default -> throw new IllegalArgumentException(guarantee);
        };
    }

    private static Verdict exactlyOnceWindows(String stream, List<String> expected, List<String> actual) {
        List<String> sortedActual = new ArrayList<>(actual);
        Collections.sort(sortedActual);
        List<String> sortedExpected = new ArrayList<>(expected);
        Collections.sort(sortedExpected);
        List<String> violations = new ArrayList<>();
        if (!sortedActual.equals(sortedExpected)) {
            List<String> extra = new ArrayList<>(sortedActual);
            sortedExpected.forEach(extra::remove);
            List<String> absent = new ArrayList<>(sortedExpected);
            sortedActual.forEach(absent::remove);
            violations.add(stream + ": window results differ from the crash-free run; not expected ("
                    + extra.size() + "): " + first(extra) + ", missing (" + absent.size() + "): " + first(absent));
        }
        return new Verdict(String.format("%,d window results, %,d in the crash-free run", actual.size(),
                expected.size()), violations);
    }

    private static Verdict atLeastOnceWindows(String stream, List<String> expected, List<String> actual) {
        Map<String, WindowResult> wanted = byWindow(expected);
        Map<String, List<WindowResult>> got = allByWindow(actual);
        List<String> violations = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> coveringLess = new ArrayList<>();
        List<String> unequalRepeats = new ArrayList<>();
        long repeats = 0;
        long recounted = 0;
        for (Map.Entry<String, WindowResult> window : wanted.entrySet()) {
            List<WindowResult> results = got.getOrDefault(window.getKey(), List.of());
            if (results.isEmpty()) {
                absent.add(window.getKey());
                continue;
            }
            WindowResult want = window.getValue();
            repeats += results.size() - 1;
            for (WindowResult result : results) {
                if (result.firstSeq() != want.firstSeq() || result.lastSeq() != want.lastSeq() || result.n() < want.n()) {
                    coveringLess.add(result + " (expected " + want + ")");
                } else if (result.n() > want.n()) {
                    recounted++;
                }
            }
            if (results.stream().anyMatch(result -> !result.sameCounts(results.get(0)))) {
                unequalRepeats.add(window.getKey() + ": " + results);
            }
        }
        addIfAny(violations, stream + ": windows of the crash-free run never published", absent);
        addIfAny(violations, stream + ": window results covering less than the crash-free run's", coveringLess);
        addIfAny(violations, stream + ": windows published again with other counts", unequalRepeats);
        addIfAny(violations, stream + ": windows the crash-free run does not have", strangers(got, wanted));
        return new Verdict(String.format("%,d window results for %,d windows of the crash-free run: %,d missing, "
                + "%,d repeats, %,d counting records again", actual.size(), wanted.size(), absent.size(), repeats,
                recounted), violations);
    }

    private static Verdict atMostOnceWindows(String stream, List<String> expected, List<String> actual) {
        Map<String, WindowResult> wanted = byWindow(expected);
        Map<String, List<WindowResult>> got = allByWindow(actual);
        List<String> violations = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        List<String> over = new ArrayList<>();
        long partial = 0;
        for (Map.Entry<String, List<WindowResult>> window : got.entrySet()) {
            List<WindowResult> results = window.getValue();
            if (results.size() > 1) {
                twice.add(window.getKey() + " published " + results.size() + " times");
            }
            WindowResult want = wanted.get(window.getKey());
            if (want == null) {
                continue;
            }
            for (WindowResult result : results) {
                if (result.n() > want.n() || result.firstSeq() < want.firstSeq() || result.lastSeq() > want.lastSeq()) {
                    over.add(result + " (expected at most " + want + ")");
                } else if (result.n() < want.n()) {
                    partial++;
                }
            }
        }
        long absent = wanted.keySet().stream().filter(window -> !got.containsKey(window)).count();
        addIfAny(violations, stream + ": windows published more than once", twice);
        addIfAny(violations, stream + ": window results counting more than the crash-free run's", over);
        addIfAny(violations, stream + ": windows the crash-free run does not have", strangers(got, wanted));
        return new Verdict(String.format("%,d window results for %,d windows of the crash-free run: %,d missing, "
                + "%,d with records lost", actual.size(), wanted.size(), absent, partial), violations);
    }

    /**
     * Processing-time window results, which no rerun can reproduce: per device, the counts of all its
     * windows add up to its input records (exactly-once; at least that under at-least-once, at most under
     * at-most-once). Under exactly-once each window also holds an unbroken run of sequence numbers that
     * starts where the device's previous window ended, so a repeat cannot hide behind a loss.
     */
    static Verdict processingTimeSums(String stream, String guarantee, Map<String, Integer> perDevice,
            List<String> actual) {
        Map<String, List<WindowResult>> byDevice = new TreeMap<>();
        actual.stream().map(WindowResult::parse)
                .forEach(result -> byDevice.computeIfAbsent(result.key(), k -> new ArrayList<>()).add(result));
        List<String> violations = new ArrayList<>();
        List<String> wrongSums = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Integer> device : perDevice.entrySet()) {
            List<WindowResult> results = byDevice.getOrDefault(device.getKey(), List.of());
            long sum = results.stream().mapToLong(WindowResult::n).sum();
            long records = device.getValue();
            boolean held = switch (guarantee) {
                case EXACTLY_ONCE -> sum == records;
                case AT_LEAST_ONCE -> sum >= records;
                case AT_MOST_ONCE -> sum <= records;
                default -> throw new IllegalArgumentException(guarantee);
            };
            if (!held) {
                wrongSums.add(device.getKey() + ": " + sum + " counted, " + records + " records");
            }
            if (guarantee.equals(EXACTLY_ONCE)) {
                List<WindowResult> ordered = new ArrayList<>(results);
                ordered.sort((a, b) -> Long.compare(a.firstSeq(), b.firstSeq()));
                long next = 0;
                for (WindowResult result : ordered) {
                    if (result.firstSeq() != next || result.n() != result.lastSeq() - result.firstSeq() + 1) {
                        broken.add(device.getKey() + ": " + result + " after seq " + (next - 1));
                        break;
                    }
                    next = result.lastSeq() + 1;
                }
            }
        }
        addIfAny(violations, stream + " (" + guarantee + "): window counts per device do not add up", wrongSums);
        addIfAny(violations, stream + ": windows not holding consecutive runs of sequence numbers", broken);
        Set<String> strangers = new HashSet<>(byDevice.keySet());
        strangers.removeAll(perDevice.keySet());
        addIfAny(violations, stream + ": windows of devices it does not read", new ArrayList<>(strangers));
        return new Verdict(String.format("%,d processing-time windows, counts per device %s", actual.size(),
                wrongSums.isEmpty() ? "add up to the input" : "wrong for " + wrongSums.size() + " devices"), violations);
    }

    /** Every output of the processor stream carries {@code tempK}, the reading's temperature converted by the processor. */
    static Verdict converted(String stream, List<OutputLog.Output> outputs) {
        List<String> wrong = new ArrayList<>();
        for (OutputLog.Output output : outputs) {
            try {
                JsonNode node = JSON.readTree(output.value());
                double expected = TelemetryFeed.temperature(output.key(), node.path("seq").asLong()) + 273.15;
                if (!node.path("tempK").isNumber() || Math.abs(node.path("tempK").asDouble() - expected) > 1e-6) {
                    wrong.add(output.value());
                }
            } catch (Exception e) {
                wrong.add(output.value());
            }
        }
        List<String> violations = new ArrayList<>();
        addIfAny(violations, stream + ": outputs the processor did not convert", wrong);
        return new Verdict(String.format("%,d converted by the processor", outputs.size() - wrong.size()), violations);
    }

    /**
     * A changelog as {@code read_committed} readers see it, under exactly-once: every state change is
     * written once, so no key holds the same value (or a tombstone) twice. A zombie's transaction that
     * committed after the next owner's would repeat what that owner wrote.
     */
    static Verdict changelogRepeats(String topic, List<ChangelogRecord> records) {
        Map<String, Set<String>> valuesByKey = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (ChangelogRecord record : records) {
            String value = record.value() == null ? "tombstone" : Arrays.toString(record.value());
            if (!valuesByKey.computeIfAbsent(record.key(), k -> new HashSet<>()).add(value)) {
                repeated.add(record.key() + (record.value() == null ? " (tombstone)" : ""));
            }
        }
        List<String> violations = new ArrayList<>();
        addIfAny(violations, topic + ": state changes committed twice", repeated);
        return new Verdict(String.format("%,d changelog records over %,d keys, %,d repeated", records.size(),
                valuesByKey.size(), repeated.size()), violations);
    }

    static long longField(String json, String field) {
        try {
            return JSON.readTree(json).path(field).asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, WindowResult> byWindow(List<String> results) {
        Map<String, WindowResult> windows = new HashMap<>();
        for (String json : results) {
            WindowResult result = WindowResult.parse(json);
            if (windows.put(result.window(), result) != null) {
                throw new IllegalArgumentException("the crash-free run published " + result.window() + " twice");
            }
        }
        return windows;
    }

    private static Map<String, List<WindowResult>> allByWindow(List<String> results) {
        Map<String, List<WindowResult>> windows = new TreeMap<>();
        results.stream().map(WindowResult::parse)
                .forEach(result -> windows.computeIfAbsent(result.window(), k -> new ArrayList<>()).add(result));
        return windows;
    }

    private static List<String> strangers(Map<String, List<WindowResult>> got, Map<String, WindowResult> wanted) {
        List<String> strangers = new ArrayList<>();
        got.forEach((window, results) -> {
            if (!wanted.containsKey(window)) {
                strangers.add(results.get(0).toString());
            }
        });
        return strangers;
    }

    private static void addIfAny(List<String> violations, String what, List<String> cases) {
        if (!cases.isEmpty()) {
            violations.add(what + " (" + cases.size() + "): " + first(cases));
        }
    }

    private static List<String> first(List<String> items) {
        return items.subList(0, Math.min(SHOWN, items.size()));
    }
}
