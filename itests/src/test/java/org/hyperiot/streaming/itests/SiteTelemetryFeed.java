package org.hyperiot.streaming.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds sequence-numbered telemetry of devices spread over sites and partitions, on its own thread,
 * until stopped. Device {@code i} is keyed by its id, always written to partition {@code i mod partitions}
 * and belongs to site {@code i mod sites}, so that with {@code partitions × sites} devices (coprime
 * counts) every site has devices on every partition: a stream grouping by site must bring partitions
 * together. In round {@code n} every device sends the record with {@code seq = n} and an event time
 * {@code origin + n × step} minus a jitter of up to {@code maxJitter}: event time runs out of order, by
 * at most {@code maxJitter} behind the highest event time sent before, over the whole topic.
 *
 * <p>The producer is idempotent with {@code acks=all} and counts every send Kafka did not acknowledge.
 */
final class SiteTelemetryFeed implements AutoCloseable {

    static final List<String> SITES = List.of("north", "east", "south", "west");

    /** A device: its id (the record key), its partition and its site. */
    record Device(String id, int index, int partition, String site) {
    }

    private final String topic;
    private final List<Device> devices = new ArrayList<>();
    private final long origin;
    private final long stepMs;
    private final long maxJitterMs;
    private final Duration roundInterval;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private volatile boolean stopRequested;
    private Thread thread;

    SiteTelemetryFeed(String bootstrapServers, String topic, int partitions, int roundsPerSecond, long origin,
            long stepMs, long maxJitterMs) {
        this.topic = topic;
        int count = partitions * SITES.size();
        for (int i = 0; i < count; i++) {
            devices.add(new Device(String.format("dev-%02d", i), i, i % partitions, SITES.get(i % SITES.size())));
        }
        this.origin = origin;
        this.stepMs = stepMs;
        this.maxJitterMs = maxJitterMs;
        this.roundInterval = Duration.ofNanos(1_000_000_000L / roundsPerSecond);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "site-feed-" + topic,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000"),
                new StringSerializer(), new StringSerializer());
    }

    List<Device> devices() {
        return List.copyOf(devices);
    }

    void start() {
        thread = new Thread(this::run, "site-feed-" + topic);
        thread.start();
    }

    /** The sequence number of the next round: every record sent from now on has at least this one. */
    long nextSeq() {
        return nextSeq.get();
    }

    /** The event time of the round {@code seq} before its jitter: no record of the round is later. */
    long roundTime(long seq) {
        return origin + seq * stepMs;
    }

    /**
     * Stops the rounds, then has the devices of one partition send a record whose event time is
     * {@code closeBy} past the last round: the others go quiet, so the windows before it close only once
     * those partitions count as idle. Returns that event time.
     */
    long finish(Duration closeBy, int closingPartition) throws InterruptedException {
        stopRequested = true;
        thread.join(Duration.ofMinutes(2).toMillis());
        long seq = nextSeq.getAndIncrement();
        long eventTime = roundTime(seq - 1) + closeBy.toMillis();
        for (Device device : devices) {
            if (device.partition() == closingPartition) {
                send(device, seq, eventTime, 0);
            }
        }
        producer.flush();
        return eventTime;
    }

    /** Every device sends one more record, at the given event time: once its window is closed, a late record. */
    void sendAt(long eventTime) {
        long seq = nextSeq.getAndIncrement();
        for (Device device : devices) {
            send(device, seq, eventTime, 1);
        }
        producer.flush();
    }

    /** Records Kafka did not acknowledge; the input topic is then not what the feed meant to write. */
    long failures() {
        return failures.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }

    /** The summed value of a record: a pure function of device and seq between 0 and 99. */
    static long value(int device, long seq) {
        return Math.floorMod(seq * 31 + device * 17 + seq * device * 7, 100);
    }

    private long jitter(int device, long seq) {
        return Math.floorMod((seq * 0x9E3779B97F4A7C15L) ^ (device * 0xC2B2AE3D27D4EB4FL), maxJitterMs + 1);
    }

    private void run() {
        long started = System.nanoTime();
        long round = 0;
        while (!stopRequested) {
            long seq = nextSeq.getAndIncrement();
            for (Device device : devices) {
                send(device, seq, roundTime(seq) - jitter(device.index(), seq), value(device.index(), seq));
            }
            round++;
            long wait = started + round * roundInterval.toNanos() - System.nanoTime();
            if (wait > 0) {
                // Pacing to the feed's rate, not waiting for anything.
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void send(Device device, long seq, long eventTime, long value) {
        String json = "{\"deviceId\":\"" + device.id() + "\",\"site\":\"" + device.site() + "\",\"seq\":" + seq
                + ",\"ts\":" + eventTime + ",\"v\":" + value + "}";
        producer.send(new ProducerRecord<>(topic, device.partition(), device.id(), json), (metadata, error) -> {
            if (error != null) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    @Override
    public void close() {
        stopRequested = true;
        producer.close(Duration.ofSeconds(30));
    }
}
