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
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
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
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                        throw new IllegalStateException(topic + " does not use LogAppendTime");
                    }
                    visitor.record(record.key(), record.value(), record.timestamp());
                    read++;
                }
                remaining.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
            return read;
        }
    }
}
