package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pre-loaded input and what every correct contestant must make of it.
 *
 * <p>{@code devices} devices each report every 100 ms of event time, so a 1 s window holds about ten
 * records per device. Each record's event time lies up to {@link #MAX_DISORDER_MS} before its slot, so
 * records arrive out of event-time order, but never by more than the windows' 1 s grace: no record is
 * late in any contestant, whatever its watermark, and the window results are fully determined by the
 * input. One end marker per partition, {@link #END_MARKER_LEAD_MS} ahead of everything, closes every
 * window. About {@link #FAULT_SHARE_PERCENT} % of the readings are sensor faults, which the stateless
 * filter drops.
 */
final class TelemetryWorkload {

    static final long SLOT_MS = 100;
    static final long MAX_DISORDER_MS = 400;
    static final long WINDOW_MS = 1_000;
    static final long END_MARKER_LEAD_MS = 10_000;
    static final int FAULT_SHARE_PERCENT = 10;

    private final int devices;
    private final long records;
    private final long firstSlot;
    private final BitSet[] keptSeqs;
    private final long[][] windowCounts;
    private final double[][] windowSums;
    private long keptRecords;
    private long windows;

    private TelemetryWorkload(int devices, long records, long firstSlot) {
        this.devices = devices;
        this.records = records;
        this.firstSlot = firstSlot;
        this.keptSeqs = new BitSet[devices];
        int windowsPerDevice = (int) (slots() * SLOT_MS / WINDOW_MS) + 2;
        this.windowCounts = new long[devices][windowsPerDevice];
        this.windowSums = new double[devices][windowsPerDevice];
        for (int device = 0; device < devices; device++) {
            keptSeqs[device] = new BitSet();
        }
    }

    /**
     * Writes {@code records} telemetry records plus the end markers to {@code topic} and returns what
     * the outputs must contain. Event times end about now, so that no topic retention removes them.
     */
    static TelemetryWorkload load(String bootstrapServers, String topic, int partitions, int devices, long records,
            long seed) {
        long slots = (records + devices - 1) / devices;
        // Window-aligned start, so that window indexes are plain divisions.
        long firstSlot = (System.currentTimeMillis() - slots * SLOT_MS - END_MARKER_LEAD_MS) / WINDOW_MS * WINDOW_MS
                + WINDOW_MS;
        TelemetryWorkload workload = new TelemetryWorkload(devices, records, firstSlot);
        workload.write(bootstrapServers, topic, partitions, new Random(seed));
        return workload;
    }

    private void write(String bootstrapServers, String topic, int partitions, Random random) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long maxEventTime = Long.MIN_VALUE;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(loaderProperties(bootstrapServers))) {
            long written = 0;
            for (long slot = 0; written < records; slot++) {
                for (int device = 0; device < devices && written < records; device++, written++) {
                    String deviceId = TelemetryRecord.deviceId(device);
                    long eventTime = firstSlot + slot * SLOT_MS - (long) (random.nextDouble() * MAX_DISORDER_MS);
                    boolean fault = random.nextInt(100) < FAULT_SHARE_PERCENT;
                    double temp = fault ? TelemetryRecord.FAULT_TEMPERATURE
                            : Math.round((21 + random.nextGaussian() * 3) * 100) / 100.0;
                    expect(device, slot, eventTime, temp);
                    maxEventTime = Math.max(maxEventTime, eventTime);
                    producer.send(new ProducerRecord<>(topic, TelemetryRecord.key(deviceId),
                            TelemetryRecord.value(deviceId, slot, eventTime, temp, device)), (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                }
                if (failure.get() != null) {
                    break;
                }
            }
            List<Future<RecordMetadata>> markers = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                long markerTime = maxEventTime + END_MARKER_LEAD_MS;
                markers.add(producer.send(new ProducerRecord<>(topic, partition, markerTime,
                        TelemetryRecord.key(TelemetryRecord.END_MARKER_DEVICE),
                        TelemetryRecord.value(TelemetryRecord.END_MARKER_DEVICE, 0, markerTime,
                                TelemetryRecord.FAULT_TEMPERATURE, 0))));
            }
            producer.flush();
            for (Future<RecordMetadata> marker : markers) {
                marker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading the input into " + topic + " failed", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading the input into " + topic + " failed", failure.get());
        }
    }

    private void expect(int device, long seq, long eventTime, double temp) {
        if (temp > -50) {
            keptSeqs[device].set((int) seq);
            keptRecords++;
        }
        int window = windowIndex(eventTime);
        if (windowCounts[device][window]++ == 0) {
            windows++;
        }
        windowSums[device][window] += temp;
    }

    private static Properties loaderProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return properties;
    }

    private long slots() {
        return (records + devices - 1) / devices;
    }

    int windowIndex(long eventTime) {
        return (int) Math.floorDiv(eventTime - (firstSlot - WINDOW_MS), WINDOW_MS);
    }

    long windowStart(int windowIndex) {
        return firstSlot - WINDOW_MS + windowIndex * WINDOW_MS;
    }

    int devices() {
        return devices;
    }

    /** Input records without the end markers. */
    long records() {
        return records;
    }

    /** Records the stateless pipeline keeps. */
    long keptRecords() {
        return keptRecords;
    }

    boolean isKept(int device, long seq) {
        return seq >= 0 && seq <= Integer.MAX_VALUE && keptSeqs[device].get((int) seq);
    }

    /** Window results the windowed pipeline must emit, one per device and window. */
    long windows() {
        return windows;
    }

    int windowsPerDevice() {
        return windowCounts[0].length;
    }

    long windowCount(int device, int windowIndex) {
        return windowCounts[device][windowIndex];
    }

    double windowSum(int device, int windowIndex) {
        return windowSums[device][windowIndex];
    }
}
