package org.hyperiot.streaming.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds sequence-numbered telemetry at a steady rate, on its own thread, until stopped: in round
 * {@code n} every device sends the record with {@code seq = n} and event time
 * {@code origin + n × step}, so event time runs in step across devices and no record is late for a
 * watermark that allows more than {@code step} of disorder. The producer is idempotent, waits out a
 * broker restart, and counts every send Kafka did not acknowledge.
 */
final class TelemetryFeed implements AutoCloseable {

    static final long EVENT_TIME_ORIGIN = 1_700_000_000_000L;
    static final long EVENT_TIME_STEP_MS = 25;

    private final String topic;
    private final List<String> devices;
    private final Duration roundInterval;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Map<String, Integer> partitionOfDevice = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    private Thread thread;

    TelemetryFeed(String bootstrapServers, String topic, int devices, int recordsPerSecond) {
        this(bootstrapServers, topic, "d", devices, recordsPerSecond);
    }

    /**
     * @param devicePrefix the devices are named {@code <devicePrefix>00}, {@code <devicePrefix>01}, …: feeds of
     *                     several topics use different prefixes, so that every device's records come from one topic
     */
    TelemetryFeed(String bootstrapServers, String topic, String devicePrefix, int devices, int recordsPerSecond) {
        this.topic = topic;
        this.devices = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            this.devices.add(String.format("%s%02d", devicePrefix, i));
        }
        this.roundInterval = Duration.ofNanos(1_000_000_000L * devices / recordsPerSecond);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "kill-matrix-feed-" + topic,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                // Long enough to ride out a broker restart without dropping a record.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000"),
                new StringSerializer(), new StringSerializer());
    }

    void start() {
        thread = new Thread(this::run, "kill-matrix-feed-" + topic);
        thread.start();
    }

    /** The sequence number of the next round: every record sent from now on has at least this one. */
    long nextSeq() {
        return nextSeq.get();
    }

    /** Stops the rounds, then sends one record per device whose event time closes its open windows. */
    void finish(Duration closeWindowsBy) throws InterruptedException {
        stopRequested = true;
        thread.join(Duration.ofMinutes(2).toMillis());
        long seq = nextSeq.getAndIncrement();
        long eventTime = eventTime(seq - 1) + closeWindowsBy.toMillis();
        for (String device : devices) {
            send(device, seq, eventTime);
        }
        producer.flush();
    }

    /** The devices this feed sends for, in order. */
    List<String> devices() {
        return List.copyOf(devices);
    }

    /** Records Kafka did not acknowledge; the input topic is then not the complete sequence. */
    long failures() {
        return failures.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }

    /** The devices whose records went to the given partitions of the input topic. */
    Set<String> devicesOn(Set<Integer> partitions) {
        Set<String> result = new TreeSet<>();
        partitionOfDevice.forEach((device, partition) -> {
            if (partitions.contains(partition)) {
                result.add(device);
            }
        });
        return result;
    }

    static long eventTime(long seq) {
        return EVENT_TIME_ORIGIN + seq * EVENT_TIME_STEP_MS;
    }

    /** The temperature of a record: a pure function of device and seq, so a run can be recomputed. */
    static double temperature(String device, long seq) {
        return ((seq * 7 + device.hashCode() * 13L) % 400 + 400) % 400 / 10.0;
    }

    private void run() {
        long started = System.nanoTime();
        long round = 0;
        while (!stopRequested) {
            long seq = nextSeq.getAndIncrement();
            for (String device : devices) {
                send(device, seq, eventTime(seq));
            }
            round++;
            long due = started + round * roundInterval.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                // Pacing to the feed's rate, not waiting for anything.
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void send(String device, long seq, long eventTime) {
        String value = "{\"deviceId\":\"" + device + "\",\"seq\":" + seq + ",\"ts\":" + eventTime
                + ",\"temp\":" + temperature(device, seq) + "}";
        producer.send(new ProducerRecord<>(topic, device, value), (metadata, error) -> {
            if (error != null) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            } else {
                partitionOfDevice.put(device, metadata.partition());
            }
        });
    }

    @Override
    public void close() {
        stopRequested = true;
        producer.close(Duration.ofSeconds(30));
    }
}
