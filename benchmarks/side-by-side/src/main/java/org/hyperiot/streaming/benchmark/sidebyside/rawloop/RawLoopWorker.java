package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.benchmark.sidebyside.Guarantee;

/**
 * One thread of the hand-written loop: a consumer of a fixed set of partitions and a producer,
 * polling, transforming, sending, and committing every commit interval.
 *
 * <ul>
 *   <li>at-most-once: outputs are held until the commit; at each commit the offsets are committed
 *       first, then the held outputs are sent without waiting for them (an output lost after its
 *       offset went in stays lost);</li>
 *   <li>at-least-once: at each commit the producer is flushed and the offsets are committed only if
 *       every send succeeded;</li>
 *   <li>exactly-once: a transactional producer; at each commit the offsets go into the transaction
 *       ({@code sendOffsetsToTransaction}) and it commits; the consumer reads {@code read_committed}.</li>
 * </ul>
 *
 * Partitions are assigned statically ({@code assign}), as a fixed-parallelism loop is usually
 * written: no rebalance can move in-memory window state, and each worker's transactional id fences
 * its own predecessor.
 */
final class RawLoopWorker implements Runnable {

    private final RawLoopSettings settings;
    private final int index;
    private final List<TopicPartition> partitions;
    private final RecordTransform transform;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    /** At-most-once: the outputs since the last commit, sent once their offsets are committed. */
    private final List<ProducerRecord<byte[], byte[]>> held = new ArrayList<>();
    private volatile boolean running = true;

    RawLoopWorker(RawLoopSettings settings, int index, List<TopicPartition> partitions, RecordTransform transform) {
        this.settings = settings;
        this.index = index;
        this.partitions = partitions;
        this.transform = transform;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        boolean transactional = settings.guarantee() == Guarantee.EXACTLY_ONCE;
        boolean holding = settings.guarantee() == Guarantee.AT_MOST_ONCE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            consumer.assign(partitions);
            if (transactional) {
                producer.initTransactions();
            }
            RecordTransform.Output output = (key, value) -> {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.outputTopic(), key, value);
                if (holding) {
                    held.add(record);
                } else {
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            sendFailure.compareAndSet(null, e);
                        }
                    });
                }
            };
            Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
            long nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
            boolean inTransaction = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (transactional && !inTransaction && !records.isEmpty()) {
                    producer.beginTransaction();
                    inTransaction = true;
                }
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        transform.process(partition.partition(), record.key(), record.value(), output);
                    }
                    transform.endOfBatch(partition.partition(), output);
                    processed.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
                }
                if (System.nanoTime() >= nextCommit) {
                    commit(consumer, producer, processed, inTransaction);
                    inTransaction = false;
                    nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
                }
            }
            commit(consumer, producer, processed, inTransaction);
        } catch (Exception e) {
            System.err.println("FAILED worker " + index + ": " + e);
            e.printStackTrace();
            if (running) {
                // Not while the JVM shuts down: exit would wait for the shutdown hook, which waits for us.
                System.exit(1);
            }
        }
    }

    /** Commits what was processed; under exactly-once a transaction is only open once records came. */
    private void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
            Map<TopicPartition, OffsetAndMetadata> processed, boolean inTransaction) {
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            if (inTransaction) {
                producer.sendOffsetsToTransaction(processed, consumer.groupMetadata());
                producer.commitTransaction();
            }
        } else if (settings.guarantee() == Guarantee.AT_MOST_ONCE) {
            if (!processed.isEmpty()) {
                consumer.commitSync(processed);
            }
            held.forEach(producer::send);
            held.clear();
        } else {
            producer.flush();
            Exception failure = sendFailure.get();
            if (failure != null) {
                // Committing now would mark unsent outputs as done: stop instead, as the guarantee demands.
                throw new IllegalStateException("an output was not acknowledged", failure);
            }
            if (!processed.isEmpty()) {
                consumer.commitSync(processed);
            }
        }
        processed.clear();
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return properties;
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.group() + "-" + index);
        }
        return properties;
    }
}
