package org.hyperiot.streaming.runtime.internal.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.ProtocolFixtures;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamTopics;

/**
 * A {@link StreamWorker} on Kafka's mock clients: one source partition {@code in-0}, a clock the test
 * moves, and steps that run one per poll, as {@link MockConsumer#schedulePollTask} runs them.
 */
final class WorkerHarness {

    static final TopicPartition IN = ProtocolFixtures.P0;

    final ProtocolFixtures kafka = new ProtocolFixtures();
    final TestClock clock = new TestClock();
    final Map<String, StreamProcessor> processors = new java.util.concurrent.ConcurrentHashMap<>();
    final RegisteredProcessors catalog = new RegisteredProcessors(processors, Set.of());
    /** How many attempts the worker started. */
    final AtomicInteger attempts = new AtomicInteger();
    final StreamWorker worker;
    private long nextOffset;

    WorkerHarness(String definitionJson, Duration transactionTimeout) {
        StreamDefinition definition = new StreamDefinitionReader().read(definitionJson);
        WorkerSettings settings = new WorkerSettings("1", Duration.ofSeconds(10), transactionTimeout, 500,
                Duration.ofSeconds(1));
        kafka.consumer.updateBeginningOffsets(Map.of(IN, 0L));
        worker = new StreamWorker(definition, StreamLayout.direct(Map.of(IN.topic(), 1)), new Clients(), catalog,
                settings, 0, clock);
    }

    WorkerHarness(String definitionJson) {
        this(definitionJson, Duration.ofSeconds(10));
    }

    /** Runs {@code step} during the next poll that has no step yet. */
    WorkerHarness then(Runnable step) {
        kafka.consumer.schedulePollTask(step);
        return this;
    }

    /** The group assigns {@code in-0} to the worker. */
    WorkerHarness assign() {
        return then(() -> kafka.consumer.rebalance(List.of(IN)));
    }

    /** The next records of {@code in-0}, with Kafka timestamps from the test clock. */
    WorkerHarness records(String... values) {
        return then(() -> {
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                kafka.consumer.addRecord(new ConsumerRecord<>(IN.topic(), IN.partition(), nextOffset++, clock.millis(),
                        TimestampType.CREATE_TIME, 0, bytes.length, null, bytes, new RecordHeaders(), Optional.empty()));
            }
        });
    }

    WorkerHarness advance(Duration by) {
        return then(() -> clock.advance(by));
    }

    WorkerHarness stop() {
        return then(worker::stop);
    }

    /** What the group holds for {@code in-0}, or null. */
    org.apache.kafka.clients.consumer.OffsetAndMetadata committed() {
        return kafka.consumer.committed(Set.of(IN)).get(IN);
    }

    long recordsSent() {
        return nextOffset;
    }

    /** A processor catalog like the harness's own, for a worker a test builds itself. */
    ProcessorCatalog catalog() {
        return catalog;
    }

    /** A clock that moves only when told. */
    static final class TestClock extends Clock {

        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final class Clients implements StreamClients {

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            if (attempts.incrementAndGet() > 1) {
                // The mock clients serve one attempt; a test that expects more says so by checking attempts.
                worker.stop();
                throw new IllegalStateException("the harness runs one attempt only");
            }
            return kafka.producer;
        }

        @Override
        public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
            if (config.get("group.id") == null) {
                // The restore consumer: an empty changelog.
                MockConsumer<byte[], byte[]> restore = new MockConsumer<>("earliest");
                TopicPartition changelog = new TopicPartition("hyperiot-stream-s-changelog", 0);
                restore.updateBeginningOffsets(Map.of(changelog, 0L));
                restore.updateEndOffsets(Map.of(changelog, 0L));
                return restore;
            }
            return kafka.consumer;
        }

        @Override
        public StreamTopics streamTopics() {
            throw new UnsupportedOperationException("workers never ask for topics");
        }

        @Override
        public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
            return new ChangelogAdmin() {
                @Override
                public int partitionCount(String topic) {
                    return 1;
                }

                @Override
                public void widen(String topic, int partitions) {
                }

                @Override
                public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
                    return Map.of();
                }

                @Override
                public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
                    return Map.of();
                }

                @Override
                public OptionalLong producerId(String transactionalId) {
                    return OptionalLong.empty();
                }

                @Override
                public void abort(TopicPartition partition, ProducerState producer) {
                }

                @Override
                public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
