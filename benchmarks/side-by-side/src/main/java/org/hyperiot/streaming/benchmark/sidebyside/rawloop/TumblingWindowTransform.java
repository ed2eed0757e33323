package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Count and average temperature per key in tumbling event-time windows, one final result per window
 * once the partition's stream time (the highest event time seen) reaches the window's end plus the
 * grace, as Kafka Streams closes windows. State is per source partition, in memory only: a hand-written
 * loop that survives crashes would also need a changelog or a store, which this one leaves out, so it
 * is the fastest a windowed loop can be rather than a fault-tolerant one.
 */
final class TumblingWindowTransform implements RecordTransform {

    private final ObjectMapper json;
    private final long size;
    private final long grace;
    private final Map<Integer, PartitionWindows> partitions = new HashMap<>();
    private long late;

    TumblingWindowTransform(ObjectMapper json, long sizeMillis, long graceMillis) {
        this.json = json;
        this.size = sizeMillis;
        this.grace = graceMillis;
    }

    @Override
    public void process(int partition, byte[] key, byte[] value, Output output) throws IOException {
        JsonNode reading = json.readTree(value);
        long eventTime = reading.path("ts").asLong();
        PartitionWindows windows = partitions.computeIfAbsent(partition, p -> new PartitionWindows());
        windows.streamTime = Math.max(windows.streamTime, eventTime);
        long windowStart = eventTime - Math.floorMod(eventTime, size);
        if (windowStart + size + grace <= windows.streamTime) {
            late++;
            return;
        }
        Aggregate aggregate = windows.open.computeIfAbsent(windowStart, start -> new HashMap<>())
                .computeIfAbsent(new String(key, StandardCharsets.UTF_8), k -> new Aggregate());
        aggregate.count++;
        aggregate.sum += reading.path("temp").asDouble();
    }

    @Override
    public void endOfBatch(int partition, Output output) throws IOException {
        PartitionWindows windows = partitions.get(partition);
        if (windows == null) {
            return;
        }
        while (!windows.open.isEmpty() && windows.open.firstKey() + size + grace <= windows.streamTime) {
            Map.Entry<Long, Map<String, Aggregate>> closed = windows.open.pollFirstEntry();
            long start = closed.getKey();
            for (Map.Entry<String, Aggregate> result : closed.getValue().entrySet()) {
                Aggregate aggregate = result.getValue();
                ObjectNode value = json.createObjectNode()
                        .put("key", result.getKey())
                        .put("windowStart", start)
                        .put("windowEnd", start + size)
                        .put("avgTemp", aggregate.sum / aggregate.count)
                        .put("n", aggregate.count);
                output.send(result.getKey().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(value));
            }
        }
    }

    /** Records dropped because their window had closed. */
    long late() {
        return late;
    }

    private static final class PartitionWindows {
        long streamTime = Long.MIN_VALUE;
        final TreeMap<Long, Map<String, Aggregate>> open = new TreeMap<>();
    }

    private static final class Aggregate {
        long count;
        double sum;
    }
}
