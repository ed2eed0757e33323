package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.benchmark.sidebyside.Guarantee;

/**
 * The raw kafka-clients contestant: a consume-transform-produce loop as an experienced Kafka user writes
 * it, run as its own JVM. It prints {@code RUNNING} once its workers run and stops cleanly on SIGTERM,
 * committing what it processed.
 *
 * <pre>
 * java -cp side-by-side-benchmark.jar org.hyperiot.streaming.benchmark.sidebyside.rawloop.RawLoop \
 *   --bootstrap 127.0.0.1:9092 --group G --input IN --output OUT --topology stateless|windowed \
 *   --guarantee at-most-once|at-least-once|exactly-once --threads 2 --commit-interval-ms 100 [--compression lz4]
 * </pre>
 */
public final class RawLoop {

    /** The windows' size and grace, as in every contestant's windowed pipeline. */
    private static final long WINDOW_MS = 1_000;
    private static final long GRACE_MS = 1_000;

    private RawLoop() {
    }

    public static void main(String[] args) throws Exception {
        RawLoopSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: RawLoop --bootstrap HOST:PORT --group G --input TOPIC --output TOPIC"
                    + " --topology stateless|windowed --guarantee at-most-once|at-least-once|exactly-once --threads N"
                    + " --commit-interval-ms MS [--compression none|lz4|…]");
            System.exit(2);
            return;
        }
        List<List<TopicPartition>> assignments = assign(settings);
        List<RawLoopWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int index = 0; index < assignments.size(); index++) {
            RecordTransform transform = settings.topology().equals("windowed")
                    ? new TumblingWindowTransform(json, WINDOW_MS, GRACE_MS)
                    : new FilterProjectTransform(json);
            RawLoopWorker worker = new RawLoopWorker(settings, index, assignments.get(index), transform);
            workers.add(worker);
            threads.add(new Thread(worker, "raw-loop-" + index));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workers.forEach(RawLoopWorker::stop);
            for (Thread thread : threads) {
                try {
                    thread.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "raw-loop-stop"));
        threads.forEach(Thread::start);
        System.out.println("RUNNING");
        System.out.flush();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Partition p goes to worker p mod threads; a worker without partitions is not started. */
    private static List<List<TopicPartition>> assign(RawLoopSettings settings) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<List<TopicPartition>> assignments = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.inputTopic(), Duration.ofSeconds(30));
            for (int index = 0; index < Math.min(settings.threads(), infos.size()); index++) {
                assignments.add(new ArrayList<>());
            }
            for (PartitionInfo info : infos) {
                assignments.get(info.partition() % assignments.size())
                        .add(new TopicPartition(settings.inputTopic(), info.partition()));
            }
        }
        return assignments;
    }

    static RawLoopSettings parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String topology = required(options, "topology");
        if (!topology.equals("stateless") && !topology.equals("windowed")) {
            throw new IllegalArgumentException("--topology is stateless or windowed, not " + topology);
        }
        Guarantee guarantee = Guarantee.of(required(options, "guarantee"));
        RawLoopSettings settings = new RawLoopSettings(required(options, "bootstrap"), required(options, "group"),
                required(options, "input"), required(options, "output"), topology,
                guarantee, Integer.parseInt(options.getOrDefault("threads", "2")),
                Duration.ofMillis(Long.parseLong(options.getOrDefault("commit-interval-ms", "100"))),
                options.getOrDefault("compression", "none"));
        options.keySet().removeAll(List.of("bootstrap", "group", "input", "output", "topology", "guarantee",
                "threads", "commit-interval-ms", "compression"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + options.keySet());
        }
        return settings;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
