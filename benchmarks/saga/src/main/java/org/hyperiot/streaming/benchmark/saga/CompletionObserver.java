package org.hyperiot.streaming.benchmark.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one contestant's saga log ({@code read_committed}, so a state counts once its transaction
 * has) from where it ended when the observer started, and hands each record of a tracked run to it: the
 * saga, its state (the log value's top-level {@code state}, the same member in both contestants' logs),
 * the record's timestamp (the broker's append time: the benchmark creates both logs with
 * {@code message.timestamp.type=LogAppendTime}) and when the observer had it.
 */
final class CompletionObserver implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, SagaRun> runs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile TimestampType timestampType;
    private volatile Exception failure;

    CompletionObserver(String bootstrapServers, String logTopic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Answer a fetch as soon as anything is there: the "seen" time should not wait for company.
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor(logTopic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(logTopic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        thread = new Thread(this::follow, "saga-log-observer-" + logTopic);
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, records of {@code run}'s sagas go to it. */
    void track(SagaRun run) {
        runs.put(run.tag(), run);
    }

    void untrack(SagaRun run) {
        runs.remove(run.tag());
    }

    /** The timestamp type of the log's records, once one was read. */
    TimestampType timestampType() {
        return timestampType;
    }

    /** Why the observer stopped, if it did. */
    Exception failure() {
        return failure;
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.currentTimeMillis();
                    SagaRun run = runs.get(String.valueOf(SagaIds.tagOf(record.key())));
                    if (run == null) {
                        continue;
                    }
                    timestampType = record.timestampType();
                    run.logRecord(SagaIds.indexOf(record.key()), TopLevelMember.text(record.value(), "state"), record.timestamp(), seen,
                            record.value() == null ? 0 : record.value().length);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us.
        } catch (Exception e) {
            failure = e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        consumer.close();
    }
}
