package org.hyperiot.streaming.benchmark.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The records every variant sends: JSON telemetry values of about 120 bytes keyed by device id,
 * encoded once beforehand so that each run pays only for building the {@code ProducerRecord}.
 * Record {@code i} is the same in every run, so all variants send identical bytes.
 */
final class TelemetryRecords {

    /** Distinct values cycled through; a prime, so keys and values do not pair up periodically. */
    private static final int DISTINCT_VALUES = 65_521;
    private static final long BASE_TIMESTAMP = 1_732_406_400_000L;

    private final byte[][] keys;
    private final byte[][] values;
    private final double averageValueBytes;

    TelemetryRecords(int devices) {
        SplittableRandom random = new SplittableRandom(42);
        keys = new byte[devices][];
        for (int d = 0; d < devices; d++) {
            keys[d] = deviceId(d).getBytes(StandardCharsets.UTF_8);
        }
        values = new byte[DISTINCT_VALUES][];
        long totalBytes = 0;
        for (int i = 0; i < DISTINCT_VALUES; i++) {
            String json = String.format(Locale.ROOT,
                    "{\"deviceId\":\"%s\",\"ts\":%d,\"temp\":%.2f,\"humidity\":%.1f,\"pressure\":%.1f,\"battery\":%d,\"status\":\"OK\"}",
                    deviceId(i % devices), BASE_TIMESTAMP + i * 100L, random.nextDouble(-10, 40),
                    random.nextDouble(20, 90), random.nextDouble(980, 1040), random.nextInt(0, 101));
            values[i] = json.getBytes(StandardCharsets.UTF_8);
            totalBytes += values[i].length;
        }
        averageValueBytes = (double) totalBytes / DISTINCT_VALUES;
    }

    /** The device id of {@link #value(long) value(index)}. */
    byte[] key(long index) {
        return keys[(int) (index % values.length) % keys.length];
    }

    byte[] value(long index) {
        return values[(int) (index % values.length)];
    }

    double averageValueBytes() {
        return averageValueBytes;
    }

    String sampleValue() {
        return new String(values[0], StandardCharsets.UTF_8);
    }

    private static String deviceId(int device) {
        return String.format(Locale.ROOT, "device-%05d", device);
    }
}
