package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

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
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.StreamResources;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One source partition's readings fed as tuples to an {@link EngineBoltTasks} on Kafka's mock clients
 * (source {@code in-0}, whose group starts at {@link #START}), and what came out of it next to what the
 * engine's reference driver, {@link StreamTestDriver}, outputs for the same readings in the same order.
 * The stream reads {@code {"deviceId","v","ts"}} with event time {@code ts}, a {@code maxOutOfOrderness}
 * of 1 s, one window and a dead-letter topic (and a late-record topic when its window has late records).
 */
final class EngineBoltComparison implements AutoCloseable {

    /** A bolt tuple: what the spout emitted, and in which epoch of the partition. */
    record Tuple(int id, int epoch, long from, long to) {
    }

    /** A source record as the spout reads it. */
    record Reading(long offset, String key, String payload, long timestamp) {

        boolean markedLate() {
            return payload.contains("\"late\":true");
        }
    }

    /**
     * What the sink, late-record and dead-letter topics got, each record as {@code <key> <value>}: sink
     * values as JSON trees, in text order (no order is promised between keys or windows), the others as
     * their original payloads, in the order written.
     */
    record Output(List<String> sink, List<String> late, List<String> deadLetters) {
    }

    /** The stream's one window, aggregating count, sum and max of {@code v} per device. */
    enum Window {
        TUMBLING("{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"2s\"", true),
        SLIDING("{\"op\":\"window\",\"type\":\"sliding\",\"size\":\"4s\",\"slide\":\"1s\"", true),
        SESSION("{\"op\":\"window\",\"type\":\"session\",\"gap\":\"600ms\"", true),
        // Count windows ignore the watermark: nothing is ever late, and a definition may not name a late-record topic.
        COUNT("{\"op\":\"window\",\"type\":\"count\",\"size\":5,\"slide\":3", false);

        final String json;
        final boolean hasLateRecords;

        Window(String opening, boolean hasLateRecords) {
            this.json = opening + ",\"aggregate\":[{\"fn\":\"count\",\"as\":\"n\"},{\"fn\":\"sum\",\"field\":\"v\","
                    + "\"as\":\"sum\"},{\"fn\":\"max\",\"field\":\"v\",\"as\":\"max\"}]}";
            this.hasLateRecords = hasLateRecords;
        }
    }

    static final long START = 40;
    static final String POISON = "{not json";
    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final String GROUP = StreamResources.groupId("s");
    private static final ObjectMapper JSON = new ObjectMapper();

    final EngineBoltTasksTest.TestClock clock = new EngineBoltTasksTest.TestClock();
    final List<Tuple> acked = new ArrayList<>();
    final List<Tuple> failed = new ArrayList<>();
    final EngineBoltTasks<Tuple> tasks;
    private final String definition;
    private final List<Reading> readings;
    private final long startTime = clock.millis();
    private final MockClients clients = new MockClients();
    private final Duration betweenTuples;
    private final int tickEvery;
    private int tupleIds;

    /**
     * @param betweenTuples how far the clock moves before each tuple
     * @param tickEvery     Storm's tick comes after every this many tuples
     */
    EngineBoltComparison(Window window, boolean microBatch, String guarantee, List<Reading> readings,
            Duration betweenTuples, int tickEvery) {
        this.definition = definition(window, microBatch, guarantee);
        this.readings = readings;
        this.betweenTuples = betweenTuples;
        this.tickEvery = tickEvery;
        clients.offsets.startAt(P0, START);
        this.tasks = new EngineBoltTasks<>(new StreamDefinitionReader().read(definition), ProcessorRegistry.empty(),
                clients, Map.of("bootstrap.servers", "k:9092"), 3, Duration.ofSeconds(60),
                new EngineBoltTasks.Acknowledger<>() {
                    @Override
                    public void ack(Tuple tuple) {
                        acked.add(tuple);
                    }

                    @Override
                    public void fail(Tuple tuple) {
                        failed.add(tuple);
                    }
                }, clock);
    }

    private static String definition(Window window, boolean microBatch, String guarantee) {
        String mode = microBatch ? "\"micro-batch\",\"batch\":{\"interval\":\"1s\",\"maxRecords\":50}" : "\"native\"";
        return "{\"name\":\"s\",\"engine\":\"storm\",\"guarantee\":\"" + guarantee + "\",\"mode\":" + mode
                + ",\"commitInterval\":\"1s\",\"source\":{\"topics\":[\"in\"],\"eventTime\":{\"field\":\"ts\"}},"
                + "\"watermark\":{\"maxOutOfOrderness\":\"1s\"},\"pipeline\":[" + window.json + "],"
                + "\"sink\":{\"topic\":\"out\"}" + (window.hasLateRecords ? ",\"lateRecords\":{\"topic\":\"late\"}" : "")
                + ",\"deadLetter\":{\"topic\":\"dlq\"}}";
    }

    /**
     * {@code count} readings from offset {@link #START} of four devices about 100 ms apart, up to 900 ms
     * out of order, with a pause of 3 s now and then (sessions end), every 37th 6 to 9 s late (marked
     * {@code "late":true}: later than any window allows) and, in the middle, one that is not JSON.
     */
    static List<Reading> readings(Random random, int count) {
        List<Reading> readings = new ArrayList<>();
        long now = 1_700_000_000_000L;
        for (int i = 0; i < count; i++) {
            now += 50 + random.nextInt(100);
            if (random.nextInt(40) == 0) {
                now += 3_000;
            }
            long offset = START + i;
            if (i == count / 2) {
                readings.add(new Reading(offset, "d2", POISON, now));
                continue;
            }
            String device = "d" + random.nextInt(4);
            boolean late = i % 37 == 20;
            long ts = late ? now - 6_000 - random.nextInt(3_000) : now - random.nextInt(900);
            String payload = "{\"deviceId\":\"" + device + "\",\"v\":" + random.nextInt(400) / 4.0 + ",\"ts\":" + ts
                    + (late ? ",\"late\":true" : "") + "}";
            readings.add(new Reading(offset, device, payload, now));
        }
        return readings;
    }

    /** The readings from {@code offset} on. */
    List<Reading> from(long offset) {
        return readings.subList((int) (offset - START), readings.size());
    }

    static List<List<Reading>> chunks(List<Reading> readings, int size) {
        List<List<Reading>> chunks = new ArrayList<>();
        for (int i = 0; i < readings.size(); i += size) {
            chunks.add(readings.subList(i, Math.min(i + size, readings.size())));
        }
        return chunks;
    }

    /** Sends {@code records} as one tuple of {@code epoch}, moving the clock before and ticking now and then. */
    Tuple send(int epoch, List<Reading> records) {
        Tuple tuple = tuple(epoch, records);
        clock.advance(betweenTuples);
        send(tuple, records);
        if (tuple.id() % tickEvery == 0) {
            tasks.tick();
        }
        return tuple;
    }

    /** A tuple of {@code records}, not sent yet. */
    Tuple tuple(int epoch, List<Reading> records) {
        return new Tuple(++tupleIds, epoch, records.get(0).offset(), records.get(records.size() - 1).offset() + 1);
    }

    /** Sends {@code tuple}, made of {@code records}, as it is. */
    void send(Tuple tuple, List<Reading> records) {
        tasks.accept(tuple, 0, tuple.from(), tuple.to(), RecordBatch.encode(records.stream()
                .map(r -> new BatchRecord(r.offset(), r.timestamp(), bytes(r.key()), bytes(r.payload()), List.of()))
                .toList()));
    }

    /** Fences the producer last created, as a task elsewhere calling {@code initTransactions} with its id would. */
    void fenceProducer() {
        clients.producers.get(clients.producers.size() - 1).fenceProducer();
    }

    /** The producers the bolt asked for so far. */
    int producers() {
        return clients.producers.size();
    }

    /** The group's committed offset of the source partition, as the bolt reads it when it opens the partition. */
    long committedOffset() {
        return clients.offsets.committed(Set.of(P0), Duration.ZERO).get(P0).offset();
    }

    /** Lets the commit interval pass and ticks: every tuple processed is committed and acknowledged. */
    void commitAll() {
        clock.advance(Duration.ofSeconds(1));
        tasks.tick();
    }

    /**
     * What every producer wrote to the sink, late-record and dead-letter topics; under exactly-once,
     * only in committed transactions (a mock producer's history leaves out the aborted and the open).
     */
    Output boltOutput() {
        List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
        clients.producers.forEach(producer -> all.addAll(producer.history()));
        return new Output(
                all.stream().filter(r -> r.topic().equals("out")).map(EngineBoltComparison::sinkText).sorted().toList(),
                all.stream().filter(r -> r.topic().equals("late")).map(EngineBoltComparison::rawText).toList(),
                all.stream().filter(r -> r.topic().equals("dlq")).map(EngineBoltComparison::rawText).toList());
    }

    /**
     * What the engine's driver outputs for every reading once, in order, without ending the input; in
     * micro-batch mode it batches the readings its own way and then flushes its last batch.
     */
    Output driverOutput() {
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).startTime(startTime).build()) {
            for (Reading reading : readings) {
                driver.pipeRaw(reading.key(), reading.payload(), reading.timestamp());
            }
            driver.flushBatch();
            return new Output(driver.readOutput().stream().map(EngineBoltComparison::text).sorted().toList(),
                    driver.readLateRecords().stream().map(late -> text(late.source())).toList(),
                    driver.readDeadLetters().stream().map(deadLetter -> text(deadLetter.source())).toList());
        }
    }

    @Override
    public void close() {
        tasks.close();
    }

    static String text(StreamRecord record) {
        return record.key() + " " + JSON.valueToTree(record.value());
    }

    static String text(SourceRecord record) {
        return record.key() + " " + new String(record.payload(), StandardCharsets.UTF_8);
    }

    static String sinkText(ProducerRecord<byte[], byte[]> record) {
        try {
            return text(record.key()) + " " + JSON.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("the sink got a value that is not JSON: " + text(record.value()), e);
        }
    }

    static String rawText(ProducerRecord<byte[], byte[]> record) {
        return text(record.key()) + " " + text(record.value());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A new mock producer per request; the offsets consumer of the group; a new changelog restore consumer
     * per request, which reads what the producers wrote to the changelog (committed, under exactly-once).
     */
    private static final class MockClients implements BoltClients {

        final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
        final OffsetsConsumer offsets = new OffsetsConsumer(producers);

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            producers.add(producer);
            return producer;
        }

        @Override
        public MockConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
            if (GROUP.equals(config.get(ConsumerConfig.GROUP_ID_CONFIG))) {
                return offsets;
            }
            assertThat(config).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
            List<ProducerRecord<byte[], byte[]>> changelog = new ArrayList<>();
            String topic = StreamResources.changelogTopic("s");
            producers.forEach(producer -> producer.history().stream().filter(r -> r.topic().equals(topic))
                    .forEach(changelog::add));
            return new ChangelogConsumer(changelog);
        }

        @Override
        public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
            return new EngineBoltTasksTest.QuietChangelogAdmin();
        }
    }

    /**
     * The consumer of the group's offsets, which also holds the offsets the producers' committed
     * transactions carried, as the group does. {@code MockConsumer} answers offset 0 for a committed
     * partition it is not assigned, so it is assigned every source partition.
     */
    private static final class OffsetsConsumer extends MockConsumer<byte[], byte[]> {

        private final List<MockProducer<byte[], byte[]>> producers;

        OffsetsConsumer(List<MockProducer<byte[], byte[]>> producers) {
            super("earliest");
            this.producers = producers;
            Node node = new Node(0, "k", 9092);
            updatePartitions("in", List.of(new PartitionInfo("in", 0, node, new Node[0], new Node[0]),
                    new PartitionInfo("in", 1, node, new Node[0], new Node[0])));
            assign(List.of(P0, new TopicPartition("in", 1)));
        }

        void startAt(TopicPartition partition, long offset) {
            commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                Duration timeout) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(super.committed(partitions, timeout));
            // Producers follow one another (a fenced one is replaced): the last transaction's offsets hold.
            for (MockProducer<byte[], byte[]> producer : producers) {
                for (Map<String, Map<TopicPartition, OffsetAndMetadata>> transaction : producer.consumerGroupOffsetsHistory()) {
                    transaction.getOrDefault(GROUP, Map.of()).forEach((partition, offset) -> {
                        if (partitions.contains(partition)) {
                            committed.put(partition, offset);
                        }
                    });
                }
            }
            return committed;
        }
    }

    /** A restore consumer of changelog partition 0 holding {@code records}, from offset 0. */
    private static final class ChangelogConsumer extends MockConsumer<byte[], byte[]> {

        private static final TopicPartition CHANGELOG = new TopicPartition(StreamResources.changelogTopic("s"), 0);
        private final List<ProducerRecord<byte[], byte[]>> records;

        ChangelogConsumer(List<ProducerRecord<byte[], byte[]>> records) {
            super("earliest");
            this.records = records;
            updateBeginningOffsets(Map.of(CHANGELOG, 0L));
            updateEndOffsets(Map.of(CHANGELOG, (long) records.size()));
        }

        @Override
        public synchronized void assign(Collection<TopicPartition> partitions) {
            super.assign(partitions);
            assertThat(partitions).containsExactly(CHANGELOG);
            for (int offset = 0; offset < records.size(); offset++) {
                ProducerRecord<byte[], byte[]> record = records.get(offset);
                addRecord(new ConsumerRecord<>(CHANGELOG.topic(), 0, offset, 0L, TimestampType.CREATE_TIME,
                        -1, -1, record.key(), record.value(), record.headers(), Optional.empty()));
            }
        }
    }
}
