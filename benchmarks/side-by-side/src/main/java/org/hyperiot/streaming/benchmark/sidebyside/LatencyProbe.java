package org.hyperiot.streaming.benchmark.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * End-to-end latency of the stateless pipeline at a given rate: a paced feed writes readings whose
 * {@code ts} is the wall-clock time of the send, the contestant passes them through, and each output's
 * latency is its append time (the broker's clock, milliseconds) minus that {@code ts}. It includes the
 * feed's own send to the broker, the same for every contestant. The contestant runs first at a trickle
 * until it produces output, then warms up at the full rate, for the warm-up's seconds and then until
 * it has caught up (its group's committed input within half a second of the rate), before the measured
 * seconds.
 */
final class LatencyProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the warm-up may go on for the contestant to catch up with the rate. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** Keeping up: its committed input no more than this many seconds of the rate behind the input's end. */
    private static final double KEPT_UP_SECONDS = 0.5;

    private final BenchmarkCluster cluster;
    private final int partitions;
    private final int devices;
    private final Duration warmUp;
    private final Duration measured;

    LatencyProbe(BenchmarkCluster cluster, int partitions, int devices, Duration warmUp, Duration measured) {
        this.cluster = cluster;
        this.partitions = partitions;
        this.devices = devices;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /** What one latency run measured. */
    record Outcome(double targetRate, double achievedRate, long samples, double p50, double p99, double p999,
            double max, String problem, String bySecond) {
    }

    Outcome measure(StreamingSystem contestant, ContestantRun run, double rate) throws Exception {
        cluster.createInputTopic(run.inputTopic(), partitions);
        cluster.createOutputTopic(run.outputTopic(), partitions);
        long measureFrom;
        long measureTo;
        String backlog = null;
        long sentMeasured;
        try (KafkaProducer<byte[], byte[]> feed = new KafkaProducer<>(feedProperties());
                StreamingSystem.Running running = contestant.start(run)) {
            Feed paced = new Feed(feed, run.inputTopic());
            long trickleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            long nextFailureCheck = System.nanoTime();
            while (total(cluster.endOffsets(run.outputTopic(), partitions)) == 0) {
                // Asking for a failure costs the node (and Nimbus, for a Storm topology) a request: once a second.
                boolean checkFailure = System.nanoTime() - nextFailureCheck >= 0;
                if (checkFailure) {
                    nextFailureCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                if (System.nanoTime() > trickleDeadline || checkFailure && running.failure().isPresent()) {
                    return failed(rate, "no output within 180 s of the start: " + running.failure().orElse(""));
                }
                paced.send(System.currentTimeMillis());
                Thread.sleep(10);
            }
            paced.run(rate, warmUp);
            // The warm-up goes on at the same rate until the contestant keeps up: a backlog left by its
            // start (a cold JVM, a group still joining) would otherwise drain through the measured
            // seconds and be taken for its latency (the raw loop's first measured seconds showed 5 s).
            long catchUpDeadline = System.nanoTime() + CATCH_UP.toNanos();
            long behind;
            while ((behind = behind(running.group(), run.inputTopic())) > rate * KEPT_UP_SECONDS) {
                if (System.nanoTime() > catchUpDeadline) {
                    backlog = String.format("still %,d records behind %d s after its warm-up: the measured seconds "
                            + "include that backlog", behind, CATCH_UP.toSeconds());
                    break;
                }
                paced.run(rate, Duration.ofSeconds(1));
            }
            // The measured readings are those stamped from here to the end: no warm-up reading may
            // share their first millisecond.
            measureFrom = nextMillisecond();
            sentMeasured = paced.run(rate, measured);
            measureTo = nextMillisecond();
            feed.flush();
            paced.checkSent();
            Map<TopicPartition, Long> inputEnd = cluster.endOffsets(run.inputTopic(), partitions);
            long inputTotal = total(inputEnd);
            if (!BenchmarkCluster.await(() -> cluster.committed(running.group(), inputEnd) >= inputTotal,
                    Duration.ofSeconds(60))) {
                return failed(rate, "did not commit all its input within 60 s after the feed stopped");
            }
        }
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, sentMeasured + 1024)];
        long[] sentAts = new long[latencies.length];
        long[] samples = {0};
        long window0 = measureFrom;
        long window1 = measureTo;
        OutputTopic.readAll(cluster.bootstrapServers(), run.outputTopic(), (key, value, appendTime) -> {
            try {
                JsonNode reading = JSON.readTree(value);
                long sentAt = reading.path("ts").asLong();
                if (sentAt >= window0 && sentAt < window1 && samples[0] < latencies.length) {
                    sentAts[(int) samples[0]] = sentAt;
                    latencies[(int) samples[0]++] = appendTime - sentAt;
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not JSON in " + run.outputTopic(), e);
            }
        });
        long count = samples[0];
        double seconds = (measureTo - measureFrom) / 1000.0;
        if (count == 0) {
            return failed(rate, "no output of the measured seconds");
        }
        String bySecond = bySecond(sentAts, latencies, (int) count, measureFrom);
        long[] sorted = Arrays.copyOf(latencies, (int) count);
        Arrays.sort(sorted);
        String problem = count < sentMeasured ? String.format("%,d of %,d measured records came out", count, sentMeasured)
                : backlog;
        return new Outcome(rate, sentMeasured / seconds, count, percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 0.999), sorted[sorted.length - 1], problem, bySecond);
    }

    /**
     * p50/p99/max of the readings sent in each second of the measured run, for the log: whether a tail
     * comes from a few bad seconds (a pause, a rebalance) or from every second.
     */
    static String bySecond(long[] sentAts, long[] latencies, int count, long from) {
        Map<Long, List<Long>> seconds = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            seconds.computeIfAbsent((sentAts[i] - from) / 1000, second -> new ArrayList<>()).add(latencies[i]);
        }
        StringBuilder text = new StringBuilder();
        seconds.forEach((second, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            text.append(text.length() == 0 ? "" : ", ").append(second).append("s ")
                    .append((long) percentile(sorted, 0.50)).append('/').append((long) percentile(sorted, 0.99))
                    .append('/').append(sorted[sorted.length - 1]);
        });
        return text.toString();
    }

    /** How many input records the contestant's group has not committed yet. */
    private long behind(String group, String inputTopic) {
        Map<TopicPartition, Long> end = cluster.endOffsets(inputTopic, partitions);
        return total(end) - cluster.committed(group, end);
    }

    /** Waits for the wall clock's next millisecond and returns it. */
    private static long nextMillisecond() {
        long now = System.currentTimeMillis();
        long next;
        while ((next = System.currentTimeMillis()) == now) {
            Thread.onSpinWait();
        }
        return next;
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static Outcome failed(double rate, String problem) {
        return new Outcome(rate, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, problem, "");
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private Properties feedProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // At most 1 ms of waiting for company: a request per reading would cost the broker, on the
        // same cores as the contestant, more than the contestant itself.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return properties;
    }

    /** Readings sent at a steady rate, round-robin over the devices, all kept by the filter. */
    private final class Feed {

        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final long[] seqs = new long[devices];
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private int nextDevice;

        Feed(KafkaProducer<byte[], byte[]> producer, String topic) {
            this.producer = producer;
            this.topic = topic;
        }

        void send(long now) {
            int device = nextDevice;
            nextDevice = (nextDevice + 1) % devices;
            String deviceId = TelemetryRecord.deviceId(device);
            long seq = seqs[device]++;
            double temp = 20 + (seq % 50) / 10.0;
            producer.send(new ProducerRecord<>(topic, TelemetryRecord.key(deviceId),
                    TelemetryRecord.value(deviceId, seq, now, temp, device)), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
        }

        /** Sends {@code rate} readings per second for {@code duration}; returns how many it sent. */
        long run(double rate, Duration duration) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long sent = 0;
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = (long) ((now - start) * rate / 1e9) - sent;
                if (due <= 0) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                long millis = System.currentTimeMillis();
                for (long i = 0; i < due; i++) {
                    send(millis);
                }
                sent += due;
            }
            return sent;
        }

        void checkSent() {
            if (failure.get() != null) {
                throw new IllegalStateException("the latency feed could not send", failure.get());
            }
        }
    }
}
