package org.hyperiot.streaming.runtime.internal.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.runtime.internal.ClientLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A map replicated through a compacted, single-partition Kafka topic, as Kafka Connect keeps its
 * configurations: every node reads the topic from the beginning and applies each record (a null
 * value deletes the key). A write returns once this node has read it back, so a caller sees its own
 * writes, and every node applies writes in the same order.
 */
final class CompactedTopicMap implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicMap.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final TopicPartition partition;
    private final KafkaConnector connector;
    private final KafkaTopicAdmin topicAdmin;
    private final short replicationFactor;
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private final BiConsumer<String, byte[]> listener;
    private final Producer<String, byte[]> producer;
    private final Thread reader;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private long position;

    /**
     * @param listener called on the reader thread after each applied record, with the new value or
     *                 {@code null} for a deletion
     */
    CompactedTopicMap(String topic, KafkaConnector connector, KafkaTopicAdmin topicAdmin, short replicationFactor,
            BiConsumer<String, byte[]> listener) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.connector = connector;
        this.listener = listener;
        this.topicAdmin = topicAdmin;
        this.replicationFactor = replicationFactor;
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, topic + "-" + connector.identity().nodeId() + "-writer");
        this.producer = connector.newProducer(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.reader = new Thread(this::read, topic + "-reader");
        this.reader.setDaemon(true);
        this.reader.setContextClassLoader(Consumer.class.getClassLoader());
        this.reader.start();
    }

    private void createTopic() {
        try {
            topicAdmin.createTopic(topic, 1, replicationFactor, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            LOG.info("Created {}", topic);
        } catch (KafkaAdminException e) {
            if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    /** Waits until this node has read everything written to the topic so far. */
    void awaitCaughtUp(Duration timeout) throws TimeoutException {
        long end;
        Consumer<String, byte[]> probe = connector.newConsumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG,
                topic + "-" + connector.identity().nodeId() + "-end"), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            end = probe.endOffsets(List.of(partition), timeout).get(partition);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TimeoutException("Kafka did not tell the end of " + topic + " within " + timeout);
        } finally {
            ClientLoader.run(() -> probe.close(Duration.ofSeconds(5)));
        }
        awaitPosition(end, timeout);
    }

    Optional<byte[]> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    Map<String, byte[]> snapshot() {
        return Map.copyOf(entries);
    }

    Map<String, byte[]> withPrefix(String prefix) {
        return entries.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Writes {@code value} ({@code null} deletes) and returns once this node has applied it. */
    void put(String key, byte[] value, Duration timeout) throws TimeoutException {
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(topic, 0, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
        awaitPosition(written.offset() + 1, timeout);
    }

    /** Writes without waiting for the write to be read back; for periodic reports. */
    void putAsync(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, 0, key, value));
    }

    private synchronized void awaitPosition(long offset, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position < offset) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TimeoutException("this node has not read " + topic + " up to offset " + offset + " within " + timeout);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + topic, e);
            }
        }
    }

    private void read() {
        while (running) {
            try (Consumer<String, byte[]> reading = connector.newConsumer(Map.of(
                    ConsumerConfig.CLIENT_ID_CONFIG, topic + "-" + connector.identity().nodeId() + "-reader",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = reading;
                // On the reader thread, so that a node starting while Kafka is down waits for it.
                createTopic();
                List<PartitionInfo> partitions = reading.partitionsFor(topic);
                if (partitions == null || partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
                reading.assign(List.of(partition));
                reading.seekToBeginning(List.of(partition));
                entries.clear();
                synchronized (this) {
                    position = 0;
                }
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reading.poll(POLL)) {
                        if (record.key() == null) {
                            continue;
                        }
                        if (record.value() == null) {
                            entries.remove(record.key());
                        } else {
                            entries.put(record.key(), record.value());
                        }
                        try {
                            listener.accept(record.key(), record.value());
                        } catch (RuntimeException e) {
                            LOG.error("Applying {} from {} failed", record.key(), topic, e);
                        }
                    }
                    long now = reading.position(partition);
                    synchronized (this) {
                        position = now;
                        notifyAll();
                    }
                }
            } catch (WakeupException e) {
                // close() ends the reader.
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Reading {} failed; reading it again from the beginning: {}", topic, e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ClientLoader.run(() -> producer.close(Duration.ofSeconds(5)));
    }
}
