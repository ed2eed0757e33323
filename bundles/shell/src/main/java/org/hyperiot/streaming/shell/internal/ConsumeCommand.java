package org.hyperiot.streaming.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;

/**
 * {@code kafka:consume}: prints the records of a topic, from the beginning, without joining a consumer
 * group (so it moves no offsets). It stops at the end of the topic, or after {@code --wait} seconds
 * more for records still to come, or after {@code --max} records.
 */
@Service
@Command(scope = "kafka", name = "consume",
        description = "Prints a topic's records (partition:offset, key, value as text) from the beginning, "
                + "read_committed unless told otherwise; commits no offsets.")
public class ConsumeCommand implements Action {

    private static final Duration POLL = Duration.ofMillis(200);

    @Reference
    KafkaConnector connector;

    @Argument(index = 0, name = "topic", description = "The topic.", required = true)
    @Completion(TopicNameCompleter.class)
    String topic;

    @Option(name = "--max", aliases = "-n", description = "Stop after this many records (default 100).")
    int max = 100;

    @Option(name = "--wait", aliases = "-w",
            description = "Seconds to keep waiting for new records once the end is reached (default 0).")
    int waitSeconds;

    @Option(name = "--read-uncommitted", description = "Also show records of open or aborted transactions.")
    boolean readUncommitted;

    @Option(name = "--timeout", aliases = "-t", description = "Seconds to wait for the cluster (default 10).")
    int timeoutSeconds = 10;

    @Override
    public Object execute() {
        if (max < 1) {
            System.err.println("--max must be at least 1");
            return null;
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readUncommitted ? "read_uncommitted" : "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // A mistyped name must not create a topic on brokers that create topics on first use.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutSeconds * 1000));
        try (Consumer<byte[], byte[]> consumer = connector.newConsumer(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                System.err.println("No topic " + topic);
                return null;
            }
            List<TopicPartition> assigned = new ArrayList<>();
            partitions.forEach(p -> assigned.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            int printed = print(consumer, assigned, end);
            System.out.println(printed + (printed == 1 ? " record" : " records"));
        } catch (TimeoutException e) {
            System.err.println("Kafka did not answer within " + timeoutSeconds + " s ("
                    + connector.clusterStatus().bootstrapServers() + ")");
        }
        return null;
    }

    private int print(Consumer<byte[], byte[]> consumer, List<TopicPartition> assigned, Map<TopicPartition, Long> end) {
        int printed = 0;
        long waitUntil = Long.MAX_VALUE;
        while (printed < max && !Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (printed == max) {
                    break;
                }
                System.out.println(line(record.partition(), record.offset(), record.key(), record.value()));
                printed++;
            }
            if (waitUntil == Long.MAX_VALUE && reachedEnd(consumer, assigned, end)) {
                // Counted from the moment the records that existed at the start are printed.
                waitUntil = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            }
            if (System.nanoTime() >= waitUntil) {
                break;
            }
        }
        return printed;
    }

    private static boolean reachedEnd(Consumer<byte[], byte[]> consumer, List<TopicPartition> assigned,
            Map<TopicPartition, Long> end) {
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    /** One record as a line: {@code partition:offset  key  value}, control characters escaped. */
    static String line(int partition, long offset, byte[] key, byte[] value) {
        return partition + ":" + offset + "  " + text(key) + "  " + text(value);
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        shown.append(String.format("\\u%04x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        return shown.toString();
    }
}
