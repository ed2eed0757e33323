package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.BitSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The filter + project output: exactly the fields deviceId, seq, ts and temp of each input record
 * whose temp is above -50, keyed by its device. Every such record must appear; under exactly-once
 * once only.
 */
final class StatelessOutputCheck extends OutputCheck {

    private static final List<String> FIELDS = List.of("deviceId", "seq", "ts", "temp");

    private final TelemetryWorkload workload;
    private final BitSet[] seen;
    private long distinct;
    private long duplicates;

    StatelessOutputCheck(TelemetryWorkload workload) {
        this.workload = workload;
        this.seen = new BitSet[workload.devices()];
        for (int device = 0; device < seen.length; device++) {
            seen[device] = new BitSet();
        }
    }

    @Override
    boolean check(String key, JsonNode value) {
        if (value.size() != FIELDS.size() || !FIELDS.stream().allMatch(value::has)) {
            problem("not exactly the fields " + FIELDS + ": " + value);
            return false;
        }
        String deviceId = value.get("deviceId").asText();
        int device = deviceIndex(deviceId, workload.devices());
        long seq = value.get("seq").asLong(-1);
        if (device < 0 || !deviceId.equals(key) || !workload.isKept(device, seq) || value.get("temp").asDouble() <= -50) {
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

    @Override
    Verdict verdict(Guarantee guarantee) {
        return verdict(guarantee, "expected", distinct, workload.keptRecords(), duplicates);
    }
}
