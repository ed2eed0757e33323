package org.hyperiot.streaming.storm.worker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionReaderTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    /** Commits and emissions, in the order they happened. */
    private final List<String> events = new ArrayList<>();
    private final List<Emitted> emitted = new ArrayList<>();
    private ScriptedConsumer consumer = new ScriptedConsumer("earliest");

    /** A tuple as the spout's collector received it. */
    record Emitted(int partition, int epoch, long from, long to, List<BatchRecord> records, TupleRange id) {

        List<Long> offsets() {
            return records.stream().map(BatchRecord::offset).toList();
        }

        TupleRange range() {
            return new TupleRange(partition, epoch, from, to);
        }
    }

    @Test
    void eachTaskReadsThePartitionsWhoseGlobalIndexModuloTheTaskCountIsItsIndex() {
        Map<Integer, Map<Integer, TopicPartition>> byTask = new TreeMap<>();
        for (int task = 0; task < 3; task++) {
            consumer = new ScriptedConsumer("earliest");
            topic("a", 3);
            topic("b", 2);
            PartitionReader reader = reader(settings("at-least-once", 1, "a", "b"), task, 3);
            reader.open();
            byTask.put(task, reader.partitions());
        }

        // Topics [a, b]: a-p is 2p, b-p is 2p + 1.
        assertThat(byTask.get(0)).isEqualTo(Map.of(0, tp("a", 0), 3, tp("b", 1)));
        assertThat(byTask.get(1)).isEqualTo(Map.of(1, tp("b", 0), 4, tp("a", 2)));
        assertThat(byTask.get(2)).isEqualTo(Map.of(2, tp("a", 1)));
        assertThat(consumer.assignment()).containsExactly(tp("a", 1));
        assertThat(consumer.subscription()).as("assign(), never subscribe()").isEmpty();
    }

    @Test
    void aPartitionStartsAtTheGroupsCommittedOffsetElseWhereTheResetPutsIt() {
        topic("a", 2, 3);
        consumer.commitSync(Map.of(tp("a", 0), new OffsetAndMetadata(7)));
        events.clear();
        PartitionReader reader = reader(settings("at-least-once", 1, "a"), 0, 1);
        reader.open();
        records("a", 0, 7, 8);
        records("a", 1, 3, 4);

        reader.nextTuple();

        assertThat(emitted).as("one tuple per partition and call")
                .extracting(Emitted::range).containsExactly(new TupleRange(0, 0, 7, 8), new TupleRange(1, 0, 3, 4));
        reader.nextTuple();
        assertThat(emitted).extracting(Emitted::range)
                .endsWith(new TupleRange(0, 0, 8, 9), new TupleRange(1, 0, 4, 5));
        assertThat(commits()).as("a-0's committed offset stays as it was").containsExactly("commit {a-1=3}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"at-most-once", "at-least-once", "exactly-once"})
    void aPartitionWithoutCommittedOffsetHasItsStartCommittedBeforeAnyTupleOfItIsEmitted(String guarantee) {
        topic("a", 2, 2);
        consumer.commitSync(Map.of(tp("a", 0), new OffsetAndMetadata(5)));
        events.clear();
        PartitionReader reader = reader(settings(guarantee, 1, "a"), 0, 1);
        reader.open();
        records("a", 0, 5);
        records("a", 1, 2, 3);

        reader.nextTuple();
        reader.nextTuple();

        assertThat(events).as("a-0 has a committed offset, a-1 starts at its beginning, 2")
                .containsExactly("commit {a-1=2}", "emit a-0 [5, 6)", "emit a-1 [2, 3)", "emit a-1 [3, 4)");
        assertThat(committed(tp("a", 0))).isEqualTo(5);
        assertThat(committed(tp("a", 1))).isEqualTo(2);
        assertThat(reader.startCommits()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at-most-once", "at-least-once", "exactly-once"})
    void withLatestTheStartCommittedIsThePartitionsEndWhenItStarted(String guarantee) {
        consumer = new ScriptedConsumer("latest");
        topic("a", 1);
        consumer.updateEndOffsets(Map.of(tp("a", 0), 40L));
        PartitionReader reader = reader(new SpoutSettings("s", List.of("a"), "latest", guarantee, 1, 500), 0, 1);
        reader.open();
        records("a", 0, 40, 41);
        consumer.updateEndOffsets(Map.of(tp("a", 0), 42L));

        reader.nextTuple();
        reader.nextTuple();

        // Committed before anything is read, so that a restart starts at 40 and not at a later end.
        assertThat(events).containsExactly("commit {a-0=40}", "emit a-0 [40, 41)", "emit a-0 [41, 42)");
        assertThat(committed(tp("a", 0))).isEqualTo(40);
    }

    @Test
    void aRefusedStartCommitKeepsThePartitionUnreadUntilTheNextAttemptCommitsIt() {
        topic("a", 2);
        consumer.commitSync(Map.of(tp("a", 0), new OffsetAndMetadata(0)));
        events.clear();
        consumer.commitFailures = 1;
        PartitionReader reader = reader(settings("at-least-once", 1, "a"), 0, 1);
        reader.open();
        records("a", 0, 0);
        records("a", 1, 0);

        reader.nextTuple();
        assertThat(events).as("a-0 has its committed offset; a-1's start could not be committed: it waits")
                .containsExactly("emit a-0 [0, 1)");
        assertThat(consumer.paused()).containsExactly(tp("a", 1));
        assertThat(reader.startCommits()).isZero();

        now.addAndGet(PartitionReader.START_RETRY_MS - 1);
        reader.nextTuple();
        assertThat(of(1)).as("not before the next start attempt").isEmpty();

        now.addAndGet(1);
        reader.nextTuple();
        assertThat(events).containsExactly("emit a-0 [0, 1)", "commit {a-1=0}", "emit a-1 [0, 1)");
        assertThat(consumer.paused()).isEmpty();
        assertThat(reader.startCommits()).isEqualTo(1);
    }

    @Test
    void aPartitionIsNotReadBeforeItsStartOffsetIsKnown() {
        topic("a", 1);
        consumer.committedFailures = 1;
        PartitionReader reader = reader(settings("at-least-once", 1, "a"), 0, 1);
        reader.open();
        records("a", 0, 0, 1);

        reader.nextTuple();
        assertThat(emitted).as("the committed offset could not be fetched: the partition waits").isEmpty();

        now.addAndGet(PartitionReader.START_RETRY_MS);
        reader.nextTuple();
        assertThat(emitted).extracting(Emitted::range).containsExactly(new TupleRange(0, 0, 0, 1));
    }

    @Test
    void nativeModeEmitsOneRecordPerTupleAndItsPositionsCoverOffsetsKafkaSkipped() {
        topic("a", 1);
        PartitionReader reader = reader(settings("exactly-once", 1, "a"), 0, 1);
        reader.open();
        // 3 and 4 are not records (transaction markers, compacted away).
        records("a", 0, 0, 1, 2, 5, 6);

        for (int i = 0; i < 6; i++) {
            reader.nextTuple();
        }

        assertThat(emitted).extracting(Emitted::range).containsExactly(
                new TupleRange(0, 0, 0, 1), new TupleRange(0, 0, 1, 2), new TupleRange(0, 0, 2, 3),
                new TupleRange(0, 0, 3, 6), new TupleRange(0, 0, 6, 7));
        assertThat(emitted).extracting(Emitted::offsets)
                .containsExactly(List.of(0L), List.of(1L), List.of(2L), List.of(5L), List.of(6L));
        assertThat(emitted.get(3).records().get(0).value()).isEqualTo("value-5".getBytes(UTF_8));
        assertThat(reader.tuplesEmitted()).isEqualTo(5);
        assertThat(reader.recordsEmitted()).isEqualTo(5);
    }

    @Test
    void microBatchesHoldAtMostTheirSizeOfOnePollAndFollowEachOtherAcrossPolls() {
        topic("a", 1);
        PartitionReader reader = reader(settings("exactly-once", 3, "a"), 0, 1);
        reader.open();
        records("a", 0, 0, 1, 2, 3, 4);

        reader.nextTuple();
        assertThat(emitted).as("one tuple per call; the rest waits").hasSize(1);
        // Polled only once what was read before is emitted: 7 and 8 come with the next poll.
        records("a", 0, 7, 8);
        reader.nextTuple();
        reader.nextTuple();
        reader.nextTuple();

        assertThat(emitted).extracting(Emitted::range).containsExactly(
                new TupleRange(0, 0, 0, 3), new TupleRange(0, 0, 3, 5), new TupleRange(0, 0, 5, 9));
        assertThat(emitted).extracting(Emitted::offsets)
                .containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L), List.of(7L, 8L));
        assertThat(reader.tuplesEmitted()).isEqualTo(3);
        assertThat(reader.recordsEmitted()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({"exactly-once, true", "at-least-once, true", "at-most-once, false"})
    void exactlyOnceAndAtLeastOnceEmitTrackedTuplesAndAtMostOnceUntrackedOnes(String guarantee, boolean tracked) {
        topic("a", 1);
        PartitionReader reader = reader(settings(guarantee, 2, "a"), 0, 1);
        reader.open();
        records("a", 0, 0, 1, 2);

        reader.nextTuple();
        reader.nextTuple();

        assertThat(emitted).extracting(Emitted::range)
                .containsExactly(new TupleRange(0, 0, 0, 2), new TupleRange(0, 0, 2, 3));
        if (tracked) {
            assertThat(emitted).extracting(Emitted::id)
                    .containsExactly(new TupleRange(0, 0, 0, 2), new TupleRange(0, 0, 2, 3));
        } else {
            assertThat(emitted).extracting(Emitted::id).containsOnlyNulls();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"at-most-once", "at-least-once", "exactly-once"})
    void acknowledgementsAndFailuresNeverCommitAnything(String guarantee) {
        topic("a", 1);
        consumer.commitSync(Map.of(tp("a", 0), new OffsetAndMetadata(0)));
        events.clear();
        PartitionReader reader = reader(settings(guarantee, 1, "a"), 0, 1);
        reader.open();
        records("a", 0, 0, 1, 2, 3);
        for (int i = 0; i < 4; i++) {
            reader.nextTuple();
            now.addAndGet(PartitionReader.DISCOVERY_INTERVAL_MS);
        }

        // Storm calls back only for tracked tuples; an untracked one's range changes nothing either.
        reader.ack(emitted.get(0).range());
        reader.ack(emitted.get(1).range());
        reader.fail(emitted.get(2).range());
        reader.ack(emitted.get(3).range());
        records("a", 0, 2, 3);
        for (int i = 0; i < 3; i++) {
            reader.nextTuple();
            now.addAndGet(PartitionReader.DISCOVERY_INTERVAL_MS);
        }
        emitted.stream().skip(4).forEach(tuple -> reader.ack(tuple.range()));
        reader.nextTuple();
        reader.deactivate();
        reader.activate();
        reader.nextTuple();
        reader.deactivate();
        reader.close();

        boolean tracked = !"at-most-once".equals(guarantee);
        assertThat(reader.rewinds()).as("the failure rewound a tracked partition").isEqualTo(tracked ? 1 : 0);
        assertThat(emitted).hasSize(tracked ? 6 : 4);
        assertThat(commits()).isEmpty();
        assertThat(committed(tp("a", 0))).isZero();
        assertThat(reader.startCommits()).isZero();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aFailedTupleRewindsItsWholePartitionAndTheRecordsComeAgainInOrder() {
        topic("a", 2);
        PartitionReader reader = reader(settings("at-least-once", 1, "a"), 0, 1);
        reader.open();
        records("a", 0, 0, 1, 2, 3);
        records("a", 1, 0, 1, 2, 3);
        reader.nextTuple();
        reader.nextTuple();
        reader.nextTuple();
        List<Emitted> ofA0 = of(0);
        assertThat(ofA0).extracting(Emitted::range).containsExactly(
                new TupleRange(0, 0, 0, 1), new TupleRange(0, 0, 1, 2), new TupleRange(0, 0, 2, 3));

        reader.ack(ofA0.get(0).id());
        consumer.seeks.clear();
        reader.fail(ofA0.get(1).id());
        reader.ack(ofA0.get(2).id());
        reader.fail(ofA0.get(2).id());

        assertThat(reader.rewinds()).as("the later answers are of the old epoch").isEqualTo(1);
        assertThat(consumer.seeks).containsExactly("a-0@1");
        // The broker serves the records again from the position the consumer was sent to.
        records("a", 0, 1, 2, 3);
        for (int i = 0; i < 4; i++) {
            reader.nextTuple();
        }

        assertThat(of(0)).as("[3, 4) was read before the rewind and never emitted in epoch 0")
                .extracting(Emitted::range).containsExactly(
                        new TupleRange(0, 0, 0, 1), new TupleRange(0, 0, 1, 2), new TupleRange(0, 0, 2, 3),
                        new TupleRange(0, 1, 1, 2), new TupleRange(0, 1, 2, 3), new TupleRange(0, 1, 3, 4));
        assertThat(of(0).subList(3, 6)).extracting(Emitted::offsets)
                .containsExactly(List.of(1L), List.of(2L), List.of(3L));
        assertThat(of(1)).as("the other partition goes on").extracting(Emitted::range).containsExactly(
                new TupleRange(1, 0, 0, 1), new TupleRange(1, 0, 1, 2), new TupleRange(1, 0, 2, 3),
                new TupleRange(1, 0, 3, 4));

        of(0).subList(3, 6).forEach(tuple -> reader.ack(tuple.id()));
        reader.nextTuple();
        assertThat(commits()).as("the starts only: the engine bolt commits the rest")
                .containsExactly("commit {a-0=0, a-1=0}");
    }

    @Test
    void newPartitionsAndTopicsCreatedLaterAreFoundAtTheNextLookup() {
        topic("a", 1);
        PartitionReader reader = reader(settings("at-least-once", 1, "a", "b"), 0, 1);
        reader.open();
        assertThat(reader.partitions()).isEqualTo(Map.of(0, tp("a", 0)));

        topic("a", 2);
        topic("b", 1);
        now.addAndGet(PartitionReader.DISCOVERY_INTERVAL_MS - 1);
        reader.nextTuple();
        assertThat(reader.partitions()).hasSize(1);

        now.addAndGet(1);
        reader.nextTuple();
        assertThat(reader.partitions()).isEqualTo(Map.of(0, tp("a", 0), 1, tp("b", 0), 2, tp("a", 1)));
        records("a", 1, 0);
        records("b", 0, 0);
        reader.nextTuple();
        assertThat(emitted).extracting(Emitted::range)
                .containsExactly(new TupleRange(1, 0, 0, 1), new TupleRange(2, 0, 0, 1));
    }

    @Test
    void kafkaErrorsNeverLeaveTheReaderAndTheCallIsTriedAgain() {
        topic("a", 1);
        consumer.partitionsForFailures = 1;
        PartitionReader reader = reader(settings("at-least-once", 1, "a"), 0, 1);
        reader.open();
        assertThat(reader.partitions()).isEmpty();

        now.addAndGet(PartitionReader.DISCOVERY_INTERVAL_MS);
        reader.nextTuple();
        records("a", 0, 0);
        consumer.setPollException(new KafkaException("broker gone"));
        reader.nextTuple();
        assertThat(emitted).isEmpty();

        reader.nextTuple();
        assertThat(emitted).hasSize(1);
    }

    private PartitionReader reader(SpoutSettings settings, int taskIndex, int taskCount) {
        return new PartitionReader(settings, consumer, taskIndex, taskCount, (values, id) -> {
            Emitted tuple = new Emitted((Integer) values.get(PartitionTuple.PARTITION_POSITION),
                    (Integer) values.get(PartitionTuple.EPOCH_POSITION), (Long) values.get(PartitionTuple.FROM_POSITION),
                    (Long) values.get(PartitionTuple.TO_POSITION),
                    RecordBatch.decode((byte[]) values.get(PartitionTuple.RECORDS_POSITION)), id);
            emitted.add(tuple);
            events.add("emit " + settings.topics().get(SourcePartitions.topicPosition(tuple.partition(), settings.topics().size()))
                    + "-" + SourcePartitions.partition(tuple.partition(), settings.topics().size())
                    + " [" + tuple.from() + ", " + tuple.to() + ")");
        }, now::get);
    }

    private static SpoutSettings settings(String guarantee, int recordsPerTuple, String... topics) {
        return new SpoutSettings("s", List.of(topics), "earliest", guarantee, recordsPerTuple, 500);
    }

    /** Creates or grows a topic, its partitions beginning at {@code beginning}. */
    private void topic(String topic, int partitions, long beginning) {
        consumer.updatePartitions(topic, IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(topic, p, null, null, null)).toList());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        IntStream.range(0, partitions).forEach(p -> offsets.put(tp(topic, p), beginning));
        consumer.updateBeginningOffsets(offsets);
    }

    private void topic(String topic, int partitions) {
        topic(topic, partitions, 0);
    }

    private void records(String topic, int partition, long... offsets) {
        for (long offset : offsets) {
            consumer.addRecord(new ConsumerRecord<>(topic, partition, offset, ("key-" + offset).getBytes(UTF_8),
                    ("value-" + offset).getBytes(UTF_8)));
        }
    }

    private List<Emitted> of(int partition) {
        return emitted.stream().filter(tuple -> tuple.partition() == partition).toList();
    }

    private List<String> commits() {
        return events.stream().filter(event -> event.startsWith("commit")).toList();
    }

    private long committed(TopicPartition partition) {
        return consumer.committed(Set.of(partition)).get(partition).offset();
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    /**
     * A mock consumer that records commits (synchronous or not) and seeks, and fails the calls it is told
     * to. It keeps the group's offsets itself, as the broker does: {@code MockConsumer} forgets them at every
     * {@code assign()}.
     */
    private final class ScriptedConsumer extends MockConsumer<byte[], byte[]> {

        final List<String> seeks = new ArrayList<>();
        final Map<TopicPartition, OffsetAndMetadata> group = new HashMap<>();
        int commitFailures;
        int committedFailures;
        int partitionsForFailures;

        ScriptedConsumer(String offsetReset) {
            super(offsetReset);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (commitFailures > 0) {
                commitFailures--;
                throw new TimeoutException("commit timed out");
            }
            events.add("commit " + sorted(offsets));
            group.putAll(offsets);
        }

        /** Every other commit method of {@code MockConsumer} ends here, or in {@link #commitSync(Map)}. */
        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             OffsetCommitCallback callback) {
            events.add("commitAsync " + sorted(offsets));
            group.putAll(offsets);
        }

        private static Map<String, Long> sorted(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<String, Long> sorted = new TreeMap<>();
            offsets.forEach((partition, offset) -> sorted.put(partition.toString(), offset.offset()));
            return sorted;
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
            if (committedFailures > 0) {
                committedFailures--;
                throw new TimeoutException("offsets of a pending transaction");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            partitions.forEach(partition -> committed.put(partition, group.get(partition)));
            // Like KafkaConsumer: null for a partition without a committed offset.
            return committed;
        }

        @Override
        public synchronized List<PartitionInfo> partitionsFor(String topic) {
            if (partitionsForFailures > 0) {
                partitionsForFailures--;
                throw new TimeoutException("no metadata");
            }
            return super.partitionsFor(topic);
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            seeks.add(partition + "@" + offset);
            super.seek(partition, offset);
        }
    }
}
