package org.hyperiot.streaming.benchmark.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;

/**
 * Pre-built IoT telemetry input: {@code devices} devices each reporting once per second, in rounds,
 * as decoded JSON trees or as raw JSON bytes.
 */
final class Telemetry {

    static final SourcePartition PARTITION = new SourcePartition("telemetry", 0);
    private static final long START = 1_700_000_000_000L;

    private Telemetry() {
    }

    static SourceRecord[] records(int count, int devices, boolean asJsonBytes) {
        SourceRecord[] records = new SourceRecord[count];
        for (int i = 0; i < count; i++) {
            int device = i % devices;
            long ts = START + (long) (i / devices) * 1_000 + device % 997;
            // Every tenth reading is implausible and filtered out by the stateless benchmark.
            double temp = i % 10 == 0 ? -80.0 : 15.0 + (i % 200) / 10.0;
            String deviceId = "d" + device;
            if (asJsonBytes) {
                String json = "{\"deviceId\":\"" + deviceId + "\",\"ts\":" + ts + ",\"temp\":" + temp
                        + ",\"humidity\":" + (30 + i % 40) + ",\"site\":\"north\",\"fw\":\"1.4.2\"}";
                records[i] = SourceRecord.ofPayload(PARTITION, i, deviceId, json.getBytes(StandardCharsets.UTF_8),
                        ts, Map.of());
            } else {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("deviceId", deviceId);
                value.put("ts", ts);
                value.put("temp", temp);
                value.put("humidity", (long) (30 + i % 40));
                value.put("site", "north");
                value.put("fw", "1.4.2");
                records[i] = SourceRecord.ofValue(PARTITION, i, deviceId, value, ts, Map.of());
            }
        }
        return records;
    }
}
