package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.RepartitionPurge;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Reading;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stream whose {@code keyBy} repartitions, run as its topology runs it: a routing bolt over the
 * source partition, whose committed output to the repartition topic becomes the tuples of a windowing
 * bolt over the two repartition partitions, on Kafka's mock clients. Its window results, late records
 * and dead letters are the engine driver's for the same readings.
 */
class RepartitionedEngineBoltTest {

    private static final String STREAM = "s";
    private static final String REPARTITION = StreamResources.repartitionTopic(STREAM);
    private static final TopicPartition IN0 = new TopicPartition("in", 0);

    private final EngineBoltTasksTest.TestClock clock = new EngineBoltTasksTest.TestClock();
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final List<Map<TopicPartition, Long>> purges = new ArrayList<>();
    private final OffsetsConsumer offsets = new OffsetsConsumer();
    private final List<Integer> failed = new ArrayList<>();

    static Stream<Arguments> windowsAndGuarantees() {
        List<Arguments> cases = new ArrayList<>();
        for (Window window : Window.values()) {
            for (String guarantee : List.of("at-least-once", "exactly-once")) {
                cases.add(Arguments.of(window, guarantee));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("windowsAndGuarantees")
    void theRoutingAndWindowingBoltsGiveWhatTheEngineGives(Window window, String guarantee) {
        String json = definition(window, guarantee);
        StreamDefinition definition = new StreamDefinitionReader().read(json);
        List<Reading> readings = EngineBoltComparison.readings(new Random(window.ordinal() * 31L + guarantee.length()), 400);
        offsets.startAt(IN0, EngineBoltComparison.START);
        offsets.startAt(new TopicPartition(REPARTITION, 0), 0);
        offsets.startAt(new TopicPartition(REPARTITION, 1), 0);

        try (EngineBoltTasks<Integer> routing = tasks(definition, BoltInput.SOURCE)) {
            int id = 0;
            for (Reading reading : readings) {
                clock.advance(Duration.ofMillis(120));
                routing.accept(++id, 0, reading.offset(), reading.offset() + 1, RecordBatch.encode(List.of(
                        new BatchRecord(reading.offset(), reading.timestamp(), EngineBoltComparison.bytes(reading.key()),
                                EngineBoltComparison.bytes(reading.payload()), List.of()))));
                if (id % 3 == 0) {
                    routing.tick();
                }
            }
            clock.advance(Duration.ofSeconds(1));
            routing.tick();
        }
        List<ProducerRecord<byte[], byte[]>> routed = written(REPARTITION);
        assertThat(routed).isNotEmpty();

        try (EngineBoltTasks<Integer> windowing = tasks(definition, BoltInput.REPARTITION)) {
            int id = 0;
            for (int partition = 0; partition < 2; partition++) {
                long offset = 0;
                for (ProducerRecord<byte[], byte[]> record : routed) {
                    if (record.partition() != partition) {
                        continue;
                    }
                    clock.advance(Duration.ofMillis(20));
                    List<BatchRecord.Header> headers = new ArrayList<>();
                    for (Header header : record.headers()) {
                        headers.add(new BatchRecord.Header(header.key(), header.value()));
                    }
                    windowing.accept(++id, partition, offset, offset + 1, RecordBatch.encode(List.of(new BatchRecord(
                            offset, record.timestamp() == null ? clock.millis() : record.timestamp(), record.key(),
                            record.value(), headers))));
                    offset++;
                }
            }
            clock.advance(RepartitionPurge.INTERVAL);
            windowing.tick();
            clock.advance(Duration.ofSeconds(1));
            windowing.tick();
        }

        assertThat(failed).isEmpty();
        List<String> expected = driverOutput(json, readings);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(sorted(written("out").stream().map(EngineBoltComparison::sinkText))).isEqualTo(
                sorted(expected.stream()));
        assertThat(written("dlq")).hasSize(1);
        assertThat(written("late").isEmpty()).isEqualTo(!window.hasLateRecords);
        try (StreamTestDriver driver = driver(json, readings)) {
            assertThat(sorted(written("dlq").stream().map(EngineBoltComparison::rawText))).isEqualTo(sorted(
                    driver.readDeadLetters().stream().map(d -> EngineBoltComparison.text(d.source()))));
            assertThat(sorted(written("late").stream().map(EngineBoltComparison::rawText))).isEqualTo(sorted(
                    driver.readLateRecords().stream().map(l -> EngineBoltComparison.text(l.source()))));
        }
        // The windowing bolt deleted the routed records its commits went past, and no further.
        assertThat(purges).isNotEmpty();
        Map<TopicPartition, Long> lastPurge = purges.get(purges.size() - 1);
        assertThat(lastPurge.keySet()).allMatch(partition -> partition.topic().equals(REPARTITION));
        lastPurge.forEach((partition, before) -> assertThat(before).isLessThanOrEqualTo(
                routed.stream().filter(r -> r.partition() == partition.partition()).count()));
    }

    @Test
    void aRoutingBoltOpensItsSourcePartitionsWithoutRecordsSoThatTheWindowingStageHearsTheyAreIdle() {
        String json = definition(Window.TUMBLING, "exactly-once").replace("\"maxOutOfOrderness\":\"1s\"",
                "\"maxOutOfOrderness\":\"1s\",\"idleTimeout\":\"2s\"");
        offsets.addSourcePartition(1);
        offsets.startAt(IN0, 0);
        // in-1 is the other task's; in-2 has no committed offset yet: its spout has not started.
        offsets.addSourcePartition(2);
        offsets.startAt(new TopicPartition("in", 2), 0);
        try (EngineBoltTasks<Integer> routing = new EngineBoltTasks<>(new StreamDefinitionReader().read(json),
                ProcessorRegistry.empty(), new Clients(), BoltInput.SOURCE, Map.of("bootstrap.servers", "k:9092"), 0, 2,
                Duration.ofSeconds(60), null, acknowledger(), clock)) {
            routing.tick();
            assertThat(routing.partitions()).containsOnlyKeys(0, 2).containsValues(true);

            clock.advance(Duration.ofSeconds(3));
            routing.tick();
        }
        List<ProducerRecord<byte[], byte[]>> markers = written(REPARTITION);
        assertThat(markers).isNotEmpty().allMatch(record -> record.value() == null && record.key() == null);
        assertThat(markers.stream().map(ProducerRecord::partition).distinct()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aWindowingBoltNeedsTheRepartitionTopicOfAStreamThatRepartitions() {
        StreamDefinition direct = new StreamDefinitionReader().read(definition(Window.TUMBLING, "exactly-once")
                .replace("{\"op\":\"keyBy\",\"field\":\"deviceId\",\"partitions\":2},", ""));
        assertThatThrownBy(() -> tasks(direct, BoltInput.REPARTITION)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not repartition");
    }

    private EngineBoltTasks<Integer> tasks(StreamDefinition definition, BoltInput input) {
        return new EngineBoltTasks<>(definition, ProcessorRegistry.empty(), new Clients(), input,
                Map.of("bootstrap.servers", "k:9092"), 0, 1, Duration.ofSeconds(60), null, acknowledger(), clock);
    }

    private EngineBoltTasks.Acknowledger<Integer> acknowledger() {
        return new EngineBoltTasks.Acknowledger<>() {
            @Override
            public void ack(Integer tuple) {
            }

            @Override
            public void fail(Integer tuple) {
                failed.add(tuple);
            }
        };
    }

    private static String definition(Window window, String guarantee) {
        return "{\"name\":\"" + STREAM + "\",\"engine\":\"storm\",\"guarantee\":\"" + guarantee + "\",\"mode\":\"native\","
                + "\"commitInterval\":\"1s\",\"source\":{\"topics\":[\"in\"],\"eventTime\":{\"field\":\"ts\"}},"
                + "\"watermark\":{\"maxOutOfOrderness\":\"1s\"},\"pipeline\":["
                + "{\"op\":\"keyBy\",\"field\":\"deviceId\",\"partitions\":2}," + window.json + "],"
                + "\"sink\":{\"topic\":\"out\"}" + (window.hasLateRecords ? ",\"lateRecords\":{\"topic\":\"late\"}" : "")
                + ",\"deadLetter\":{\"topic\":\"dlq\"}}";
    }

    private StreamTestDriver driver(String json, List<Reading> readings) {
        StreamTestDriver driver = StreamTestDriver.builder(json).startTime(clock.millis()).build();
        for (Reading reading : readings) {
            driver.pipeRaw(reading.key(), reading.payload(), reading.timestamp());
        }
        return driver;
    }

    private List<String> driverOutput(String json, List<Reading> readings) {
        try (StreamTestDriver driver = driver(json, readings)) {
            return driver.readOutput().stream().map(EngineBoltComparison::text).toList();
        }
    }

    /** What the producers wrote to {@code topic}; under exactly-once, in committed transactions only. */
    private List<ProducerRecord<byte[], byte[]>> written(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        producers.forEach(producer -> producer.history().stream().filter(r -> r.topic().equals(topic)).forEach(records::add));
        return records;
    }

    private static List<String> sorted(Stream<String> lines) {
        return lines.sorted().toList();
    }

    /**
     * Both bolts' clients: a new mock producer per request, the one offsets consumer of the group, and a
     * restore consumer per changelog partition that reads what the producers wrote to it.
     */
    private final class Clients implements BoltClients {

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            producers.add(producer);
            return producer;
        }

        @Override
        public MockConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
            if (StreamResources.groupId(STREAM).equals(config.get(ConsumerConfig.GROUP_ID_CONFIG))) {
                return offsets;
            }
            return new ChangelogConsumer(written(StreamResources.changelogTopic(STREAM)));
        }

        @Override
        public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
            return new EngineBoltTasksTest.QuietChangelogAdmin() {
                @Override
                public void deleteRecordsBefore(Map<TopicPartition, Long> before) {
                    purges.add(Map.copyOf(before));
                }
            };
        }
    }

    /**
     * The group's offsets, with those the producers' committed transactions carried, and the partitions
     * of the source and repartition topics. {@code MockConsumer} answers offset 0 for a committed
     * partition it is not assigned, so it is assigned every partition.
     */
    private final class OffsetsConsumer extends MockConsumer<byte[], byte[]> {

        private final Node node = new Node(0, "k", 9092);
        private final List<PartitionInfo> sources = new ArrayList<>();

        OffsetsConsumer() {
            super("earliest");
            sources.add(new PartitionInfo("in", 0, node, new Node[0], new Node[0]));
            updatePartitions("in", List.copyOf(sources));
            updatePartitions(REPARTITION, List.of(new PartitionInfo(REPARTITION, 0, node, new Node[0], new Node[0]),
                    new PartitionInfo(REPARTITION, 1, node, new Node[0], new Node[0])));
            assignEverything();
        }

        void addSourcePartition(int partition) {
            sources.add(new PartitionInfo("in", partition, node, new Node[0], new Node[0]));
            updatePartitions("in", List.copyOf(sources));
            assignEverything();
        }

        private void assignEverything() {
            List<TopicPartition> all = new ArrayList<>();
            sources.forEach(info -> all.add(new TopicPartition("in", info.partition())));
            all.add(new TopicPartition(REPARTITION, 0));
            all.add(new TopicPartition(REPARTITION, 1));
            assign(all);
        }

        void startAt(TopicPartition partition, long offset) {
            commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }

        /** Stays open: it stands for the group, which both bolts use one after the other. */
        @Override
        public synchronized void close(Duration timeout) {
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                Duration timeout) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            super.committed(partitions, timeout).forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset);
                }
            });
            for (MockProducer<byte[], byte[]> producer : producers) {
                for (Map<String, Map<TopicPartition, OffsetAndMetadata>> transaction : producer.consumerGroupOffsetsHistory()) {
                    transaction.getOrDefault(StreamResources.groupId(STREAM), Map.of()).forEach((partition, offset) -> {
                        if (partitions.contains(partition)) {
                            committed.put(partition, offset);
                        }
                    });
                }
            }
            return committed;
        }
    }

    /** A restore consumer of the changelog partition assigned to it, holding what was written there, from offset 0. */
    private static final class ChangelogConsumer extends MockConsumer<byte[], byte[]> {

        private final List<ProducerRecord<byte[], byte[]>> changelog;

        ChangelogConsumer(List<ProducerRecord<byte[], byte[]>> changelog) {
            super("earliest");
            this.changelog = changelog;
        }

        @Override
        public synchronized void assign(Collection<TopicPartition> partitions) {
            super.assign(partitions);
            for (TopicPartition partition : partitions) {
                List<ProducerRecord<byte[], byte[]>> records = changelog.stream()
                        .filter(r -> r.partition() == partition.partition()).toList();
                updateBeginningOffsets(Map.of(partition, 0L));
                updateEndOffsets(Map.of(partition, (long) records.size()));
                for (int offset = 0; offset < records.size(); offset++) {
                    ProducerRecord<byte[], byte[]> record = records.get(offset);
                    addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L,
                            TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), record.headers(),
                            Optional.empty()));
                }
            }
        }
    }
}
