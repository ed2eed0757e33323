package org.hyperiot.streaming.benchmark.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a contestant's whole output as a {@code read_committed} consumer would, without joining a
 * group. Output topics are created with {@code message.timestamp.type=LogAppendTime}, so each record
 * carries the broker's time of writing it: the same clock for every contestant.
 */
final class OutputTopic {

    /** Receives each output record. */
    interface Visitor {
        void record(byte[] key, byte[] value, long appendTime);
    }

    private OutputTopic() {
    }

    /** Reads {@code topic} from the beginning up to its current end; returns the records read. */
    static long readAll(String bootstrapServers, String topic, Visitor visitor) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers))) {
            List<TopicPartition> partitions = fromBeginning(consumer, topic);
            // For read_committed consumers the end offsets are the last stable offsets.
            Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(partitions));
            remaining.values().removeIf(end -> end == 0);
            for (TopicPartition partition : partitions) {
                if (consumer.position(partition) >= remaining.getOrDefault(partition, 0L)) {
                    remaining.remove(partition);
                }
            }
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took over 5 minutes; still at "
                            + remaining);
                }
                read += poll(consumer, topic, Duration.ofMillis(500), visitor);
                remaining.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
            return read;
        }
    }

    /**
     * Follows {@code topic} from the beginning while a contestant writes it, for a run that must wait
     * for its results rather than for its input offsets. Close it.
     */
    static Follower follow(String bootstrapServers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers));
        try {
            fromBeginning(consumer, topic);
            return new Follower(consumer, topic);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** A {@code read_committed} reader of one output topic that hands over what has come since its last read. */
    static final class Follower implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;

        private Follower(KafkaConsumer<byte[], byte[]> consumer, String topic) {
            this.consumer = consumer;
            this.topic = topic;
        }

        /** Hands the records that have come to {@code visitor}, waiting at most {@code timeout} for some. */
        long readNew(Visitor visitor, Duration timeout) {
            return poll(consumer, topic, timeout, visitor);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private static long poll(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout,
            Visitor visitor) {
        long read = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                throw new IllegalStateException(topic + " does not use LogAppendTime");
            }
            visitor.record(record.key(), record.value(), record.timestamp());
            read++;
        }
        return read;
    }

    private static List<TopicPartition> fromBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static Properties properties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return properties;
    }
}
