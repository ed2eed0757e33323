package org.hyperiot.streaming.saga.internal.coordinator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.kafka.support.TransactionAdmin;
import org.hyperiot.streaming.saga.internal.HangingTransactionWatch;

/**
 * Kafka's mock clients set up the way the saga coordinator and the participant host use them, shared by
 * the coordinator's and the participant's protocol tests: a group consumer driven poll by poll, a
 * transactional producer that keeps each committed transaction whole, topics a restore consumer reads to
 * their end, a topic admin over topics held in memory, and a clock that moves only when told.
 */
public final class KafkaMocks {

    private KafkaMocks() {
    }

    /**
     * The consumer of a group, subscribed by the attempt under test. A test scripts what happens before each
     * poll with {@link #beforePoll} (one task per poll: a rebalance, records arriving, a fault), then runs the
     * attempt with {@link #untilScriptEnds()}: the attempt stops after the pass that follows the last task.
     */
    public static final class GroupConsumer extends MockConsumer<String, byte[]> {

        private final String topic;
        private final ConsumerGroupMetadata metadata;
        private boolean scriptEnded;

        public GroupConsumer(String group, String topic, int partitions) {
            super("earliest");
            this.topic = topic;
            // A generation and a member id of its own, so a test can tell this metadata from MockConsumer's default.
            this.metadata = new ConsumerGroupMetadata(group, 7, "member-" + group, Optional.empty());
            Map<TopicPartition, Long> beginnings = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                beginnings.put(partition(partition), 0L);
            }
            updateBeginningOffsets(beginnings);
        }

        public TopicPartition partition(int number) {
            return new TopicPartition(topic, number);
        }

        /** Runs {@code task} at the start of one poll, after those scheduled before it. */
        public void beforePoll(Runnable task) {
            schedulePollTask(task);
        }

        /**
         * The group gives this member exactly these partitions of the topic. MockConsumer calls the rebalance
         * listener itself (revoked ones first, then the new ones), and drops records not yet polled.
         */
        public void assign(Integer... partitions) {
            rebalance(java.util.Arrays.stream(partitions).map(this::partition).toList());
        }

        /** A record the next poll returns. */
        public void deliver(int partition, long offset, String key, byte[] value) {
            addRecord(new ConsumerRecord<>(topic, partition, offset, key, value));
        }

        public long position(int partition) {
            return position(partition(partition));
        }

        /** Keeps the attempt running until the poll after the last scripted one. */
        public BooleanSupplier untilScriptEnds() {
            schedulePollTask(() -> scriptEnded = true);
            return () -> !scriptEnded;
        }

        @Override
        public ConsumerGroupMetadata groupMetadata() {
            return metadata;
        }
    }

    /** One committed transaction: what it wrote, and the offsets it committed for the group. */
    public record Transaction(List<ProducerRecord<String, byte[]>> records, Map<TopicPartition, Long> offsets,
                              ConsumerGroupMetadata group) {

        public List<ProducerRecord<String, byte[]>> to(String topic) {
            return records.stream().filter(record -> record.topic().equals(topic)).toList();
        }

        public ProducerRecord<String, byte[]> single(String topic) {
            List<ProducerRecord<String, byte[]>> written = to(topic);
            if (written.size() != 1) {
                throw new AssertionError("expected one record to " + topic + " in the transaction, found " + written.size()
                        + " among " + records.stream().map(ProducerRecord::topic).toList());
            }
            return written.get(0);
        }
    }

    /** A transactional {@link MockProducer} that keeps each committed transaction whole and counts aborts. */
    public static final class TransactionalProducer extends MockProducer<String, byte[]> {

        private final List<Transaction> committed = new ArrayList<>();
        private ConsumerGroupMetadata group;
        private int aborts;

        public TransactionalProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata metadata) {
            super.sendOffsetsToTransaction(offsets, metadata);
            group = metadata;
        }

        @Override
        public void commitTransaction() {
            List<ProducerRecord<String, byte[]>> records = uncommittedRecords();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            uncommittedOffsets().values().forEach(byGroup -> byGroup.forEach((partition, offset) ->
                    offsets.put(partition, offset.offset())));
            super.commitTransaction();
            committed.add(new Transaction(List.copyOf(records), Map.copyOf(offsets), group));
            group = null;
        }

        @Override
        public void abortTransaction() {
            super.abortTransaction();
            aborts++;
            group = null;
        }

        public List<Transaction> committedTransactions() {
            return List.copyOf(committed);
        }

        public Transaction onlyTransaction() {
            if (committed.size() != 1) {
                throw new AssertionError("expected one committed transaction, found " + committed.size());
            }
            return committed.get(0);
        }

        public int aborts() {
            return aborts;
        }
    }

    /**
     * What the restore consumers find in Kafka: records appended per topic partition, from offset 0. Each
     * consumer handed out is a fresh {@link MockConsumer} that, once assigned, has every record of its
     * partitions waiting and knows their beginning and end offsets.
     */
    public static final class TopicContents {

        private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> contents = new HashMap<>();
        private final List<MockConsumer<String, byte[]>> handedOut = new ArrayList<>();

        public void append(String topic, int partition, String key, byte[] value) {
            List<ConsumerRecord<String, byte[]>> partitionRecords = contents.computeIfAbsent(
                    new TopicPartition(topic, partition), ignored -> new ArrayList<>());
            partitionRecords.add(new ConsumerRecord<>(topic, partition, partitionRecords.size(), key, value));
        }

        public Supplier<Consumer<String, byte[]>> readers() {
            return () -> {
                MockConsumer<String, byte[]> reader = new MockConsumer<>("earliest") {
                    @Override
                    public synchronized void assign(Collection<TopicPartition> partitions) {
                        super.assign(partitions);
                        for (TopicPartition partition : partitions) {
                            List<ConsumerRecord<String, byte[]>> stored = contents.getOrDefault(partition, List.of());
                            updateBeginningOffsets(Map.of(partition, 0L));
                            updateEndOffsets(Map.of(partition, (long) stored.size()));
                            stored.forEach(this::addRecord);
                        }
                    }
                };
                handedOut.add(reader);
                return reader;
            };
        }

        public List<MockConsumer<String, byte[]>> readersHandedOut() {
            return List.copyOf(handedOut);
        }
    }

    /**
     * The transactions the brokers and their coordinators know of, for a worker's
     * {@link HangingTransactionWatch}: none open unless a test opens one; aborts are recorded and end
     * the transaction.
     */
    public static final class OpenTransactions implements TransactionAdmin {

        private final Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
        private final List<String> aborts = new ArrayList<>();

        /** A transaction of {@code producerId} open on the partition since offset 0, its coordinator knowing nothing of it. */
        public void hanging(TopicPartition partition, long producerId) {
            open.computeIfAbsent(partition, p -> new ArrayList<>())
                    .add(new ProducerState(producerId, 1, 0, 0L, OptionalInt.of(0), OptionalLong.of(0)));
        }

        /**
         * A watch on these transactions, judging after {@code patience}, on a clock that moves a millisecond
         * each time it is read: every sweep comes a little later than the one before, without waiting.
         */
        public HangingTransactionWatch watch(Duration patience) {
            AtomicLong ticks = new AtomicLong();
            return new HangingTransactionWatch("test", () -> this, patience, () -> {
            }, ticks::incrementAndGet);
        }

        public List<String> aborts() {
            return List.copyOf(aborts);
        }

        @Override
        public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
            Map<TopicPartition, List<ProducerState>> found = new HashMap<>();
            partitions.forEach(partition -> {
                if (open.containsKey(partition)) {
                    found.put(partition, List.copyOf(open.get(partition)));
                }
            });
            return found;
        }

        @Override
        public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
            return Map.of();
        }

        @Override
        public void abort(TopicPartition partition, ProducerState producer) {
            aborts.add(partition + " " + producer.producerId());
            open.remove(partition);
        }
    }
}
