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
 *
 * <p>The devices are spread over {@link TelemetryRecord#SITES} sites ({@code site} field), each with
 * devices in every partition: grouping by site needs a repartition. Pipelines that repartition cannot
 * be closed by the end markers inside the input in every contestant (Kafka Streams' stream time after a
 * repartition is the highest event time any upstream task has sent, so one partition's marker would
 * close windows that another partition's readings have yet to reach); for them the benchmark writes
 * {@linkplain #writeClosingMarkers closing markers} to a topic of the run once the input is consumed.
 */
final class TelemetryWorkload {

    static final long SLOT_MS = 100;
    static final long MAX_DISORDER_MS = 400;
    static final long WINDOW_MS = 1_000;
    /** How long after its end a window closes, in event time, in every contestant. */
    static final long GRACE_MS = 1_000;
    /**
     * Kafka Streams' grace for the windows per site (its {@code TelemetryTopologies.SITE_GRACE}): after
     * its repartition a task's stream time is the highest event time any upstream task has sent, and
     * source partitions drift apart without bound, so only a grace longer than the input's span keeps
     * every reading on time. The closing markers lie past it.
     */
    static final long KAFKA_STREAMS_SITE_GRACE_MS = 3_600_000;
    static final long END_MARKER_LEAD_MS = 10_000;
    static final int FAULT_SHARE_PERCENT = 10;

    private final int devices;
    private final long records;
    private final long firstSlot;
    private final BitSet[] keptSeqs;
    private final ExpectedWindows perDevice;
    private final ExpectedWindows perSite;
    private long keptRecords;
    private long maxEventTime = Long.MIN_VALUE;

    private TelemetryWorkload(int devices, long records, long firstSlot) {
        this.devices = devices;
        this.records = records;
        this.firstSlot = firstSlot;
        this.keptSeqs = new BitSet[devices];
        int windowsPerKey = (int) (slots() * SLOT_MS / WINDOW_MS) + 2;
        this.perDevice = new ExpectedWindows(devices, windowsPerKey, key -> OutputCheck.deviceIndex(key, devices));
        this.perSite = new ExpectedWindows(TelemetryRecord.SITES, windowsPerKey, TelemetryRecord::siteIndex);
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

    /** Receives each reading of the input, in the order it is written. */
    interface Readings {
        void add(byte[] key, byte[] value);
    }

    /**
     * Generates the readings without writing them anywhere (no end markers): for tests of what the
     * outputs must contain. {@code firstSlot} must be a multiple of {@link #WINDOW_MS}.
     */
    static TelemetryWorkload generate(int devices, long records, long seed, long firstSlot, Readings readings) {
        TelemetryWorkload workload = new TelemetryWorkload(devices, records, firstSlot);
        workload.generate(new Random(seed), readings);
        return workload;
    }

    private void generate(Random random, Readings readings) {
        long written = 0;
        for (long slot = 0; written < records; slot++) {
            for (int device = 0; device < devices && written < records; device++, written++) {
                String deviceId = TelemetryRecord.deviceId(device);
                long eventTime = firstSlot + slot * SLOT_MS - (long) (random.nextDouble() * MAX_DISORDER_MS);
                boolean fault = random.nextInt(100) < FAULT_SHARE_PERCENT;
                double temp = fault ? TelemetryRecord.FAULT_TEMPERATURE
                        : Math.round((21 + random.nextGaussian() * 3) * 100) / 100.0;
                expect(device, slot, eventTime, temp);
                readings.add(TelemetryRecord.key(deviceId), TelemetryRecord.value(deviceId, slot, eventTime, temp,
                        device));
            }
        }
    }

    private void write(String bootstrapServers, String topic, int partitions, Random random) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(loaderProperties(bootstrapServers))) {
            generate(random, (key, value) -> {
                if (failure.get() != null) {
                    throw new IllegalStateException("loading the input into " + topic + " failed", failure.get());
                }
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            });
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
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("loading the input into " + topic + " failed", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading the input into " + topic + " failed", failure.get());
        }
    }

    private void expect(int device, long seq, long eventTime, double temp) {
        maxEventTime = Math.max(maxEventTime, eventTime);
        int window = windowIndex(eventTime);
        perDevice.add(device, window, temp);
        if (temp > -50) {
            keptSeqs[device].set((int) seq);
            keptRecords++;
            perSite.add(TelemetryRecord.siteOf(device), window, temp);
        }
    }

    /**
     * Writes one closing marker per site to {@code topic}: a plausible reading (the filter keeps it)
     * {@link #KAFKA_STREAMS_SITE_GRACE_MS} plus {@link #END_MARKER_LEAD_MS} after every reading, which
     * moves Kafka Streams' stream time past the end and grace of every window of the input once it has
     * gone through the repartition. The topic must accept timestamps that far ahead of the clock. Called only after
     * the contestant has consumed the whole input, so that in each repartition partition the marker
     * comes after every reading. The markers' own windows never close.
     */
    void writeClosingMarkers(String bootstrapServers, String topic) {
        long markerTime = maxEventTime + KAFKA_STREAMS_SITE_GRACE_MS + END_MARKER_LEAD_MS;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(loaderProperties(bootstrapServers))) {
            List<Future<RecordMetadata>> markers = new ArrayList<>();
            for (int site = 0; site < TelemetryRecord.SITES; site++) {
                markers.add(producer.send(new ProducerRecord<>(topic, null, markerTime,
                        TelemetryRecord.key(TelemetryRecord.END_MARKER_DEVICE),
                        TelemetryRecord.value(TelemetryRecord.END_MARKER_DEVICE, TelemetryRecord.site(site), 0,
                                markerTime, 0.0, 0))));
            }
            for (Future<RecordMetadata> marker : markers) {
                marker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing the closing markers to " + topic + " failed", e);
        }
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

    /** Window results the windowed pipeline must emit: per device and window, over every reading. */
    ExpectedWindows perDevice() {
        return perDevice;
    }

    /** Window results the windowed-by-site pipeline must emit: per site and window, over the kept readings. */
    ExpectedWindows perSite() {
        return perSite;
    }
}
