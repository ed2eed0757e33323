package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.BitSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The filter + project output: exactly the fields deviceId, seq, ts and temp of each input record
 * whose temp is above -50, keyed by its device. Every such record must appear; under exactly-once
 * once only.
 */
final class StatelessOutputCheck extends OutputCheck {

    private static final Set<String> FIELDS = Set.of("deviceId", "seq", "ts", "temp");

    private final TelemetryWorkload workload;
    private final BitSet[] seen;
    private long distinct;
    private long duplicates;
    private long unexpected;

    StatelessOutputCheck(TelemetryWorkload workload) {
        this.workload = workload;
        this.seen = new BitSet[workload.devices()];
        for (int device = 0; device < seen.length; device++) {
            seen[device] = new BitSet();
        }
    }

    @Override
    boolean check(String key, JsonNode value) {
        Set<String> fields = new TreeSet<>();
        for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
            fields.add(names.next());
        }
        if (!fields.equals(FIELDS)) {
            problem("fields " + fields + " instead of " + new TreeSet<>(FIELDS) + ": " + value);
            return false;
        }
        String deviceId = value.get("deviceId").asText();
        int device = device(deviceId);
        long seq = value.get("seq").asLong(-1);
        if (device < 0 || !deviceId.equals(key) || !workload.isKept(device, seq) || value.get("temp").asDouble() <= -50) {
            unexpected++;
            problem("not an expected output (key " + key + "): " + value);
            return false;
        }
        if (seen[device].get((int) seq)) {
            duplicates++;
        } else {
            seen[device].set((int) seq);
            distinct++;
        }
        return true;
    }

    private int device(String deviceId) {
        if (deviceId.length() != 5 || deviceId.charAt(0) != 'd') {
            return -1;
        }
        try {
            int device = Integer.parseInt(deviceId.substring(1));
            return device < workload.devices() ? device : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    Verdict verdict(Guarantee guarantee) {
        long missing = workload.keptRecords() - distinct;
        boolean correct = missing == 0 && malformed() == 0
                && (guarantee == Guarantee.AT_LEAST_ONCE || duplicates == 0);
        String summary = String.format("%,d of %,d expected, %,d missing, %,d duplicates, %,d wrong",
                distinct, workload.keptRecords(), missing, duplicates, malformed());
        if (firstProblem() != null) {
            summary += "; first wrong: " + abbreviate(firstProblem());
        }
        return new Verdict(correct, summary);
    }

    static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
