package org.hyperiot.streaming.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their beginning with {@code read_committed}, on its own thread, and keeps every
 * record with the time it arrived here: what a downstream reader sees, and when.
 */
final class OutputLog implements AutoCloseable {

    /** One record as read, with the wall-clock time it was read. */
    record Output(String key, String value, long readAtMillis) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<Output>> byTopic = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    OutputLog(String bootstrapServers, Collection<TopicPartition> partitions) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitions);
    }

    /** @param client bootstrap servers and, for a secured broker, its login */
    OutputLog(Map<String, Object> client, Collection<TopicPartition> partitions) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "output-log-reader");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "output-log-reader");
        thread.start();
    }

    /** What has been read from the topic so far. */
    synchronized List<Output> of(String topic) {
        return new ArrayList<>(byTopic.getOrDefault(topic, List.of()));
    }

    /**
     * Waits until nothing more has been read from {@code topic} for {@code quiet}: a repeat or a late
     * output would come with one of the next commits.
     */
    void awaitStill(String topic, Duration quiet, Duration timeout) throws Exception {
        int[] size = {of(topic).size()};
        long[] grewAt = {System.currentTimeMillis()};
        Eventually.within(timeout, () -> {
            int now = of(topic).size();
            if (now != size[0]) {
                size[0] = now;
                grewAt[0] = System.currentTimeMillis();
            }
            if (System.currentTimeMillis() - grewAt[0] < quiet.toMillis()) {
                throw new AssertionError(topic + " still grows: " + now + " records");
            }
        });
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    synchronized (this) {
                        byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>())
                                .add(new Output(record.key(), record.value(), now));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
