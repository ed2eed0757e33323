package org.hyperiot.streaming.benchmark.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hyperiot.streaming.benchmark.saga.report.ExchangeCount;

/**
 * Counts what one run wrote to a contestant's events, commands and handled topics by reading them back
 * ({@code read_committed}) from where they ended before the run to where they end now, keeping the
 * records whose key belongs to the run. The log writes are counted by the {@link CompletionObserver}
 * as it goes.
 */
final class ExchangeCounter {

    private final String bootstrapServers;
    private final ExchangeTopics topics;
    private final List<String> participants;

    ExchangeCounter(String bootstrapServers, ExchangeTopics topics, List<String> participants) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.participants = List.copyOf(participants);
    }

    /** The topics whose records are counted: events, every participant's commands and handled notes. */
    List<String> countedTopics() {
        List<String> counted = new ArrayList<>(List.of(topics.events()));
        participants.forEach(participant -> counted.add(topics.commands(participant)));
        participants.forEach(participant -> counted.add(topics.handled(participant)));
        return counted;
    }

    /**
     * The records of {@code run} after {@code from} (end offsets taken before the run), with the log
     * writes the observer counted.
     */
    ExchangeCount count(SagaRun run, Map<TopicPartition, Long> from, Duration timeout) {
        long[] starts = new long[2];
        long[] replies = new long[2];
        long[] commands = new long[2];
        long[] notes = new long[2];
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = new ArrayList<>(from.keySet());
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the exchange of run " + run.tag() + " within "
                            + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!run.tag().equals(SagaIds.tagOf(record.key())) || record.offset() >= ends.get(
                            new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    int bytes = record.value() == null ? 0 : record.value().length;
                    long[] kind;
                    if (record.topic().equals(topics.events())) {
                        String type = TopLevelMember.text(record.value(), "type");
                        kind = "start".equals(type) ? starts : "reply".equals(type) ? replies : null;
                    } else if (record.topic().startsWith(topics.commandsPrefix())) {
                        kind = commands;
                    } else {
                        kind = notes;
                    }
                    if (kind != null) {
                        kind[0]++;
                        kind[1] += bytes;
                    }
                }
            }
        }
        return new ExchangeCount(starts[0], commands[0], replies[0], run.logWrites(), notes[0], starts[1], commands[1],
                replies[1], run.logBytes(), notes[1]);
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }
}
