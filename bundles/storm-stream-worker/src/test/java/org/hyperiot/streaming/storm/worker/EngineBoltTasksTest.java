package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.KafkaUnavailableException;
import org.hyperiot.streaming.runtime.kafka.NodeReport;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineBoltTasks} on Kafka's mock clients: source topic {@code in} with two partitions, sink
 * {@code out}, a commit interval of one second on a clock the test moves, and an acknowledger that
 * records its verdicts.
 */
class EngineBoltTasksTest {

    /** A bolt tuple: only its identity matters. */
    record T(int id) {
    }

    private static final String GROUP = "hyperiot-stream-s";
    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final String FILTER = "{\"op\":\"filter\",\"where\":{\"field\":\"v\",\"gt\":0}}";
    private static final String COUNT_WINDOW =
            "{\"op\":\"window\",\"type\":\"count\",\"size\":2,\"aggregate\":[{\"fn\":\"count\",\"as\":\"n\"}]}";

    private final TestClock clock = new TestClock();
    /** What the clients were asked, in order: {@code send <topic> <value>}, {@code commit <partition>=<offset>}. */
    private final List<String> events = new ArrayList<>();
    private final FakeClients clients = new FakeClients();
    private final List<T> acked = new ArrayList<>();
    private final List<T> failed = new ArrayList<>();
    private final EngineBoltTasks.Acknowledger<T> acknowledger = new EngineBoltTasks.Acknowledger<>() {
        @Override
        public void ack(T tuple) {
            acked.add(tuple);
        }

        @Override
        public void fail(T tuple) {
            failed.add(tuple);
        }
    };

    // --- at-least-once ---

    @Test
    void atLeastOnceSendsTheOutputsAndAcknowledgesATupleOnlyOnceACommitCoversIt() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));

        tasks.accept(new T(1), 0, 0, 3, batch(0, "{\"v\":1}", "{\"v\":0}", "{\"v\":2}"));

        assertThat(clients.sentValues("out")).containsExactly("{\"v\":1}", "{\"v\":2}");
        ProducerRecord<byte[], byte[]> first = clients.sent("out").get(0);
        assertThat(text(first.key())).isEqualTo("key-0");
        assertThat(first.timestamp()).isEqualTo(1_000L);
        assertThat(first.headers().toArray()).extracting(Header::key, h -> text(h.value()))
                .containsExactly(tuple("h", "x-0"));
        assertThat(acked).isEmpty();
        assertThat(clients.offsets.committedOffset(P0)).isZero();

        clock.advance(INTERVAL.minusMillis(1));
        tasks.tick();
        assertThat(acked).isEmpty();

        clock.advance(Duration.ofMillis(1));
        tasks.tick();

        assertThat(acked).containsExactly(new T(1));
        assertThat(failed).isEmpty();
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(3);
        // The outputs were acknowledged before the offsets went to the group.
        assertThat(events).containsExactly("send out {\"v\":1}", "send out {\"v\":2}", "commit in-0=3");
        assertThat(tasks.recordsIn()).isEqualTo(3);
    }

    @Test
    void aCommitDueIsMadeOnTheNextTupleToo() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));

        clock.advance(INTERVAL);
        tasks.accept(new T(2), 0, 1, 2, batch(1, "{\"v\":2}"));

        assertThat(acked).containsExactly(new T(1), new T(2));
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(2);
    }

    @Test
    void aBoltTaskReportsItsPartitionsAndCountersToTheStatusTopicAsANodeDoesAndClearsThemWhenItCloses() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = new EngineBoltTasks<>(new StreamDefinitionReader().read(stream("at-least-once",
                FILTER, "")), ProcessorRegistry.empty(), clients, BoltInput.SOURCE, Map.of("bootstrap.servers", "k:9092"), 3,
                4, TRANSACTION_TIMEOUT, new StatusReports("status", 2000, "stream-s-1-1700000000"), acknowledger, clock);
        tasks.accept(new T(1), 0, 0, 3, batch(0, "{\"v\":1}", "{\"v\":0}", "{\"v\":2}"));
        clients.offsets.updateEndOffsets(Map.of(P0, 10L));
        clock.advance(INTERVAL);

        tasks.tick();

        List<ProducerRecord<byte[], byte[]>> reports = clients.sent("status");
        assertThat(reports).singleElement().satisfies(record -> {
            assertThat(record.partition()).isZero();
            assertThat(text(record.key())).isEqualTo("s|storm-3");
            NodeReport report = NodeReport.decode(record.value());
            assertThat(report.node()).isEqualTo("storm-3");
            assertThat(report.topology()).isEqualTo("stream-s-1-1700000000");
            assertThat(report.tasks()).containsExactly(new TaskStatus("storm-3", "in-0", List.of("in-0"),
                    StreamState.RUNNING, null));
            assertThat(report.metrics().recordsIn()).isEqualTo(3);
            assertThat(report.metrics().recordsOut()).isEqualTo(2);
            assertThat(report.metrics().commits()).isEqualTo(1);
            assertThat(report.metrics().lag()).isEqualTo(7);
        });

        clock.advance(Duration.ofMillis(1000));
        tasks.tick();
        assertThat(clients.sent("status")).hasSize(1); // every 2 s, not at each tick

        tasks.close();
        assertThat(clients.sent("status")).hasSize(2).last().satisfies(record -> assertThat(record.value()).isNull());
    }

    // --- where a tuple stands against its partition ---

    @Test
    void aTupleAfterAGapIsFailedAndNotProcessedUnderAtLeastOnce() {
        aTupleAfterAGapIsFailedAndNotProcessed("at-least-once");
    }

    @Test
    void aTupleAfterAGapIsFailedAndNotProcessedUnderExactlyOnce() {
        aTupleAfterAGapIsFailedAndNotProcessed("exactly-once");
    }

    private void aTupleAfterAGapIsFailedAndNotProcessed(String guarantee) {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream(guarantee, FILTER, ""));

        tasks.accept(new T(1), 0, 5, 6, batch(5, "{\"v\":1}"));

        assertThat(failed).containsExactly(new T(1));
        assertThat(tasks.gaps()).isEqualTo(1);
        assertThat(tasks.recordsIn()).isZero();
        clock.advance(INTERVAL);
        tasks.close();
        assertThat(clients.allSent()).isEmpty();
        assertThat(acked).isEmpty();
        assertThat(failed).containsExactly(new T(1));
    }

    @Test
    void atMostOnceAcceptsTheLossAndProcessesATupleAfterAGap() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-most-once", FILTER, ""));

        tasks.accept(new T(1), 0, 5, 6, batch(5, "{\"v\":1}"));
        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(failed).isEmpty();
        assertThat(acked).containsExactly(new T(1));
        assertThat(clients.sentValues("out")).containsExactly("{\"v\":1}");
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(6);
        assertThat(tasks.gaps()).isZero();
    }

    /**
     * The spout's worker died after the bolt had processed [2, 4) without committing it. The new spout reads
     * from the committed offset again (counting its rewinds from 0 again, which the bolt once took for
     * stale tuples and acknowledged unprocessed: the stream stalled, and at-least-once lost them): its
     * tuples are taken by their offsets, what was processed skipped, nothing published twice, a gap failed.
     */
    @Test
    void aRestartedSpoutsTuplesAreTakenByTheirOffsets() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 2, batch(0, "{\"v\":1}", "{\"v\":2}"));
        clock.advance(INTERVAL);
        tasks.tick();
        tasks.accept(new T(2), 0, 2, 4, batch(2, "{\"v\":3}", "{\"v\":4}"));

        tasks.accept(new T(3), 0, 2, 3, batch(2, "{\"v\":3}"));
        tasks.accept(new T(4), 0, 5, 6, batch(5, "{\"v\":6}"));
        tasks.accept(new T(5), 0, 3, 5, batch(3, "{\"v\":4}", "{\"v\":5}"));

        assertThat(failed).containsExactly(new T(4));
        assertThat(clients.sentValues("out")).containsExactly("{\"v\":1}", "{\"v\":2}", "{\"v\":3}", "{\"v\":4}",
                "{\"v\":5}");
        clock.advance(INTERVAL);
        tasks.tick();
        assertThat(acked).containsExactly(new T(1), new T(2), new T(3), new T(5));
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(5);
    }

    @Test
    void recordsProcessedBeforeARewindAreSkippedAndTheirTupleAcknowledgedAtTheNextCommit() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 2, batch(0, "{\"v\":1}", "{\"v\":2}"));
        clock.advance(INTERVAL);
        tasks.tick();
        tasks.accept(new T(2), 0, 2, 4, batch(2, "{\"v\":3}", "{\"v\":4}"));

        // A later tuple of the partition failed somewhere: the spout rewinds to its last acknowledged position, 2.
        tasks.accept(new T(3), 0, 2, 4, batch(2, "{\"v\":3}", "{\"v\":4}"));
        tasks.accept(new T(4), 0, 4, 5, batch(4, "{\"v\":5}"));

        assertThat(clients.sentValues("out")).containsExactly("{\"v\":1}", "{\"v\":2}", "{\"v\":3}", "{\"v\":4}",
                "{\"v\":5}");
        assertThat(tasks.recordsIn()).isEqualTo(5);
        assertThat(acked).containsExactly(new T(1));
        assertThat(failed).isEmpty();
        clock.advance(INTERVAL);
        tasks.tick();
        assertThat(acked).containsExactly(new T(1), new T(2), new T(3), new T(4));
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(5);
    }

    @Test
    void aPartitionWithoutACommittedOffsetFailsItsTupleAndProcessesNothing() {
        clients.offsets.startAt(P1, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));

        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));

        assertThat(failed).containsExactly(new T(1));
        assertThat(tasks.partitions()).containsExactly(Map.entry(0, false));
        assertThat(tasks.recordsIn()).isZero();
        clock.advance(INTERVAL);
        tasks.tick();
        tasks.close();
        assertThat(clients.allSent()).isEmpty();
        assertThat(acked).isEmpty();
        assertThat(events).isEmpty();
    }

    // --- exactly-once ---

    @Test
    void exactlyOnceCommitsEachPartitionsOutputsAndOffsetInATransactionOfItsOwnProducer() {
        clients.offsets.startAt(P0, 0);
        clients.offsets.startAt(P1, 10);
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", FILTER, ""));

        tasks.accept(new T(1), 0, 0, 2, batch(0, "{\"v\":1}", "{\"v\":2}"));
        tasks.accept(new T(2), 1, 10, 11, batch(10, "{\"v\":11}"));

        assertThat(clients.producerConfigs).extracting(c -> c.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG))
                .containsExactly(BoltClientConfigs.transactionalId("s", "in", 0),
                        BoltClientConfigs.transactionalId("s", "in", 1));
        MockProducer<byte[], byte[]> p0 = clients.producers.get(0);
        MockProducer<byte[], byte[]> p1 = clients.producers.get(1);
        assertThat(p0.transactionInitialized()).isTrue();
        assertThat(p0.transactionInFlight()).isTrue();
        assertThat(p0.history()).isEmpty();
        assertThat(acked).isEmpty();

        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(p0.transactionCommitted()).isTrue();
        assertThat(values(p0.history())).containsExactly("{\"v\":1}", "{\"v\":2}");
        assertThat(p0.consumerGroupOffsetsHistory()).containsExactly(Map.of(GROUP, Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(values(p1.history())).containsExactly("{\"v\":11}");
        assertThat(p1.consumerGroupOffsetsHistory()).containsExactly(Map.of(GROUP, Map.of(P1, new OffsetAndMetadata(11))));
        assertThat(acked).containsExactlyInAnyOrder(new T(1), new T(2));
        // The offsets went in the transactions, not through the consumer.
        assertThat(events).noneMatch(event -> event.startsWith("commit"));
    }

    @Test
    void aFencedProducerFailsItsPartitionsTuplesAndThePartitionOpensAgainWithANewProducer() {
        clients.offsets.startAt(P0, 0);
        clients.offsets.startAt(P1, 10);
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));
        tasks.accept(new T(2), 0, 1, 2, batch(1, "{\"v\":2}"));
        tasks.accept(new T(3), 1, 10, 11, batch(10, "{\"v\":11}"));
        MockProducer<byte[], byte[]> fenced = clients.producers.get(0);
        // Another task ran initTransactions with the same transactional id.
        fenced.fenceProducer();

        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(failed).containsExactly(new T(1), new T(2));
        assertThat(acked).containsExactly(new T(3));
        assertThat(fenced.history()).isEmpty();
        assertThat(fenced.closed()).isTrue();
        assertThat(tasks.partitions()).containsExactly(Map.entry(0, false), Map.entry(1, true));

        // The spout rewinds the partition to its last acknowledged position.
        tasks.accept(new T(4), 0, 0, 2, batch(0, "{\"v\":1}", "{\"v\":2}"));
        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(clients.producers).hasSize(3);
        MockProducer<byte[], byte[]> reopened = clients.producers.get(2);
        assertThat(clients.producerConfigs.get(2).get(ProducerConfig.TRANSACTIONAL_ID_CONFIG))
                .isEqualTo(BoltClientConfigs.transactionalId("s", "in", 0));
        assertThat(reopened.transactionInitialized()).isTrue();
        assertThat(values(reopened.history())).containsExactly("{\"v\":1}", "{\"v\":2}");
        assertThat(reopened.consumerGroupOffsetsHistory()).containsExactly(Map.of(GROUP, Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(acked).containsExactly(new T(3), new T(4));
    }

    @Test
    void aTimedOutCommitThatCompletesWhenThePartitionsNextProducerStartsIsNotProcessedAgain() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));
        tasks.accept(new T(2), 0, 1, 2, batch(1, "{\"v\":2}"));
        // The broker goes away during the commit: the producer gives up waiting, but the transaction had
        // reached the coordinator, which completes it when the transactional id is initialised again.
        clients.producers.get(0).commitTransactionException = new TimeoutException("Timeout expired while committing");
        clients.onNextInitTransactions = () -> clients.offsets.startAt(P0, 2);

        clock.advance(INTERVAL);
        tasks.tick();
        assertThat(failed).containsExactly(new T(1), new T(2));

        // The spout rewinds; the partition opens again and finds both records committed.
        tasks.accept(new T(3), 0, 0, 2, batch(0, "{\"v\":1}", "{\"v\":2}"));
        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(clients.producers).hasSize(2);
        assertThat(clients.producers.get(1).history()).isEmpty();
        assertThat(acked).containsExactly(new T(3));
        assertThat(tasks.recordsIn()).isEqualTo(2);
    }

    @Test
    void anExactlyOnceTaskAbortsWhatItsTransactionalIdLeftOpenOnItsOutputsBeforeItWrites() {
        clients.offsets.startAt(P0, 0);
        Node node = new Node(0, "k", 9092);
        clients.offsets.updatePartitions("out", List.of(new PartitionInfo("out", 0, node, new Node[0], new Node[0]),
                new PartitionInfo("out", 1, node, new Node[0], new Node[0])));
        // A transaction of this id whose end marker never reached out-1, and one of another producer.
        clients.producerId = 8L;
        clients.open.put(new TopicPartition("out", 1), List.of(
                new ProducerState(8, 31, 4, 0L, OptionalInt.of(0), OptionalLong.of(1373))));
        clients.open.put(new TopicPartition("out", 0), List.of(
                new ProducerState(12, 2, 4, 0L, OptionalInt.of(0), OptionalLong.of(1380))));
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", FILTER, ""));

        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));

        assertThat(events).startsWith("abort out-1 8/31");
        assertThat(events).doesNotContain("abort out-0 12/2");
        assertThat(events).contains("send out {\"v\":1}");
    }

    @Test
    void aCommitFailingOnATupleFailsEachHeldTupleOnce() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));
        clients.producers.get(0).commitTransactionException =
                new ProducerFencedException("a newer producer took in-0");

        clock.advance(INTERVAL);
        tasks.accept(new T(2), 0, 1, 2, batch(1, "{\"v\":2}"));

        assertThat(failed).containsExactly(new T(1), new T(2));
        assertThat(acked).isEmpty();
        assertThat(tasks.partitions()).containsExactly(Map.entry(0, false));
    }

    // --- at-most-once ---

    @Test
    void atMostOnceCommitsTheOffsetsBeforeItSendsTheOutputs() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-most-once", FILTER, ""));

        tasks.accept(new T(1), 0, 0, 2, batch(0, "{\"v\":1}", "{\"v\":2}"));
        assertThat(clients.allSent()).isEmpty();
        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(events).containsExactly("commit in-0=2", "send out {\"v\":1}", "send out {\"v\":2}");
        assertThat(acked).containsExactly(new T(1));
    }

    // --- records the engine cannot take ---

    @Test
    void aPoisonRecordWithoutDeadLetterTopicStopsItsPartitionUntilTheStopTimeHasPassed() {
        clients.offsets.startAt(P0, 0);
        clients.offsets.startAt(P1, 10);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));
        tasks.accept(new T(1), 1, 10, 11, batch(10, "{\"v\":11}"));

        tasks.accept(new T(2), 0, 0, 2, batch(0, "{\"v\":1}", "not json"));

        // The shared group gave up its work: the other partition's tuple fails too, and comes again.
        assertThat(failed).containsExactly(new T(1));
        assertThat(acked).isEmpty();
        assertThat(tasks.partitions()).containsExactly(Map.entry(0, false), Map.entry(1, false));

        clock.advance(Duration.ofMillis(EngineBoltTasks.STOPPED_MS - 1));
        tasks.accept(new T(3), 0, 2, 3, batch(2, "{\"v\":3}"));
        tasks.accept(new T(4), 0, 0, 1, batch(0, "{\"v\":1}"));
        tasks.tick();
        assertThat(acked).isEmpty();
        assertThat(failed).containsExactly(new T(1));
        assertThat(tasks.recordsIn()).as("the record of in-1 alone").isEqualTo(1);
        assertThat(events).noneMatch(event -> event.startsWith("commit"));

        // Storm timed the tuples out, the spout rewound the partition, and the stop is over.
        clock.advance(Duration.ofMillis(1));
        tasks.accept(new T(5), 0, 0, 1, batch(0, "{\"v\":1}"));
        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(acked).containsExactly(new T(5));
        assertThat(failed).containsExactly(new T(1));
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(1);
        assertThat(clients.sentValues("out")).endsWith("{\"v\":1}");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWhenThereIsOne() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ",\"deadLetter\":{\"topic\":\"dlq\"}"));

        tasks.accept(new T(1), 0, 0, 3, batch(0, "{\"v\":1}", "not json", "{\"v\":3}"));
        clock.advance(INTERVAL);
        tasks.tick();

        assertThat(clients.sentValues("dlq")).containsExactly("not json");
        ProducerRecord<byte[], byte[]> deadLetter = clients.sent("dlq").get(0);
        assertThat(text(deadLetter.headers().lastHeader("hyperiot.source.offset").value())).isEqualTo("1");
        assertThat(clients.sentValues("out")).containsExactly("{\"v\":1}", "{\"v\":3}");
        assertThat(acked).containsExactly(new T(1));
        assertThat(failed).isEmpty();
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(3);
    }

    // --- closing ---

    @Test
    void closingCommitsAndAcknowledgesWhatIsHeld() {
        clients.offsets.startAt(P0, 0);
        clients.offsets.startAt(P1, 10);
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));
        tasks.accept(new T(2), 1, 10, 12, batch(10, "{\"v\":11}", "{\"v\":12}"));

        tasks.close();

        assertThat(acked).containsExactly(new T(1), new T(2));
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(1);
        assertThat(clients.offsets.committedOffset(P1)).isEqualTo(12);
        assertThat(clients.producers).singleElement().satisfies(p -> assertThat(p.closed()).isTrue());
        assertThat(clients.offsets.closed()).isTrue();
    }

    @Test
    void closingCommitsTheTransactionsOfExactlyOnce() {
        clients.offsets.startAt(P0, 0);
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", FILTER, ""));
        tasks.accept(new T(1), 0, 0, 1, batch(0, "{\"v\":1}"));

        tasks.close();

        MockProducer<byte[], byte[]> producer = clients.producers.get(0);
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(values(producer.history())).containsExactly("{\"v\":1}");
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of(GROUP, Map.of(P0, new OffsetAndMetadata(1))));
        assertThat(acked).containsExactly(new T(1));
        assertThat(producer.closed()).isTrue();
    }

    // --- state ---

    @Test
    void aWindowedStreamWritesItsStateToTheChangelogWithTheOutputsAndOffsetsAtCommit() {
        String changelog = StreamResources.changelogTopic("s");
        assertThat(changelog).isEqualTo("hyperiot-stream-s-changelog");
        clients.offsets.startAt(P0, 0);
        clients.restore.updateBeginningOffsets(Map.of(new TopicPartition(changelog, 0), 0L));
        clients.restore.updateEndOffsets(Map.of(new TopicPartition(changelog, 0), 0L));
        EngineBoltTasks<T> tasks = tasks(stream("at-least-once", COUNT_WINDOW, ""));

        tasks.accept(new T(1), 0, 0, 3, batch("k", 0, "{\"v\":1}", "{\"v\":2}", "{\"v\":3}"));

        // Only the claim of the partition was written to the changelog before the restore.
        assertThat(clients.sent(changelog)).singleElement()
                .satisfies(claim -> assertThat(text(claim.key())).startsWith("in/0/~claim/"));
        assertThat(clients.sentValues("out")).singleElement().satisfies(v -> assertThat(v).contains("\"n\":2"));
        assertThat(acked).isEmpty();

        clock.advance(INTERVAL);
        tasks.tick();

        List<ProducerRecord<byte[], byte[]>> state = clients.sent(changelog).subList(1, clients.sent(changelog).size());
        assertThat(state).isNotEmpty().allSatisfy(change -> {
            assertThat(change.partition()).isZero();
            assertThat(text(change.key())).startsWith("in/0/");
        });
        assertThat(clients.offsets.committedOffset(P0)).isEqualTo(3);
        assertThat(acked).containsExactly(new T(1));
        // The state changes were acknowledged before the offsets went to the group.
        int commit = events.indexOf("commit in-0=3");
        assertThat(events.subList(0, commit)).filteredOn(e -> e.startsWith("send " + changelog)).hasSize(1 + state.size());
        assertThat(clients.admins).isPositive();
    }

    @Test
    void aPartitionThatFailsToOpenUnderExactlyOnceClosesTheProducerItGot() {
        clients.offsets.startAt(P0, 0);
        clients.adminFailure = new KafkaUnavailableException("no broker answers", null);
        EngineBoltTasks<T> tasks = tasks(stream("exactly-once", COUNT_WINDOW, ""));

        tasks.accept(new T(1), 0, 0, 1, batch("k", 0, "{\"v\":1}"));
        tasks.accept(new T(2), 0, 0, 1, batch("k", 0, "{\"v\":1}"));

        assertThat(failed).containsExactly(new T(1), new T(2));
        assertThat(tasks.partitions()).containsExactly(Map.entry(0, false));
        // Each attempt got a transactional producer; none may be left open (a KafkaProducer holds a thread).
        assertThat(clients.producers).hasSize(2).allSatisfy(p -> assertThat(p.closed()).isTrue());
    }

    // --- fixtures ---

    private EngineBoltTasks<T> tasks(String json) {
        StreamDefinition definition = new StreamDefinitionReader().read(json);
        return new EngineBoltTasks<>(definition, ProcessorRegistry.empty(), clients,
                Map.of("bootstrap.servers", "k:9092"), 3, TRANSACTION_TIMEOUT, acknowledger, clock);
    }

    private static String stream(String guarantee, String operator, String extra) {
        return "{\"name\":\"s\",\"engine\":\"storm\",\"guarantee\":\"" + guarantee + "\",\"commitInterval\":\"1s\","
                + "\"source\":{\"topics\":[\"in\"]},\"pipeline\":[" + operator + "],\"sink\":{\"topic\":\"out\"}"
                + extra + "}";
    }

    /** Records from offset {@code from} on, one per value, keyed {@code key-<offset>}, each with header h=x-<offset>. */
    private static byte[] batch(long from, String... values) {
        return batch(null, from, values);
    }

    /** Records from offset {@code from} on, all keyed {@code key}, or {@code key-<offset>} if it is null. */
    private static byte[] batch(String key, long from, String... values) {
        List<BatchRecord> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            long offset = from + i;
            records.add(new BatchRecord(offset, 1_000L + offset, bytes(key != null ? key : "key-" + offset), bytes(values[i]),
                    List.of(new BatchRecord.Header("h", bytes("x-" + offset)))));
        }
        return RecordBatch.encode(records);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> values(List<ProducerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).toList();
    }

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {

        private long millis = 1_700_000_000_000L;

        void advance(Duration by) {
            millis += by.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
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

    /** The bolt's clients: a new mock producer per request, one offsets consumer, one restore consumer. */
    final class FakeClients implements BoltClients {

        final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
        final List<Map<String, Object>> producerConfigs = new ArrayList<>();
        final OffsetsConsumer offsets = new OffsetsConsumer();
        final MockConsumer<byte[], byte[]> restore = new MockConsumer<>("earliest");
        int admins;
        /** What the admin requests of the changelog restorers fail with, if not null. */
        RuntimeException adminFailure;
        /** Runs once, when the next producer initialises its transactions; null for nothing. */
        Runnable onNextInitTransactions;
        /** The producer id the coordinator holds for every transactional id; null for none. */
        Long producerId;
        /** Transactions open on partitions, as their leaders describe them. */
        final Map<TopicPartition, List<ProducerState>> open = new HashMap<>();

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            RecordingProducer producer = new RecordingProducer();
            producers.add(producer);
            producerConfigs.add(Map.copyOf(config));
            return producer;
        }

        @Override
        public MockConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
            if (GROUP.equals(config.get(ConsumerConfig.GROUP_ID_CONFIG))) {
                return offsets;
            }
            assertThat(config).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
            return restore;
        }

        @Override
        public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
            admins++;
            RuntimeException failure = adminFailure;
            if (producerId != null) {
                return new QuietChangelogAdmin() {
                    @Override
                    public OptionalLong producerId(String transactionalId) {
                        return OptionalLong.of(producerId);
                    }

                    @Override
                    public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
                        Map<TopicPartition, List<ProducerState>> found = new HashMap<>(open);
                        found.keySet().retainAll(partitions);
                        return found;
                    }

                    @Override
                    public void abort(TopicPartition partition, ProducerState producer) {
                        events.add("abort " + partition + " " + producer.producerId() + "/" + producer.producerEpoch());
                        open.remove(partition);
                    }
                };
            }
            return failure == null ? new QuietChangelogAdmin() : new QuietChangelogAdmin() {
                @Override
                public int partitionCount(String topic) {
                    throw failure;
                }
            };
        }

        /** What every producer sent to {@code topic} (committed, under exactly-once), in order of producers. */
        List<ProducerRecord<byte[], byte[]>> sent(String topic) {
            return allSent().stream().filter(r -> r.topic().equals(topic)).toList();
        }

        List<String> sentValues(String topic) {
            return values(sent(topic));
        }

        List<ProducerRecord<byte[], byte[]>> allSent() {
            List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
            producers.forEach(p -> all.addAll(p.history()));
            return all;
        }
    }

    /** A producer that notes its sends in {@link #events}. */
    final class RecordingProducer extends MockProducer<byte[], byte[]> {

        RecordingProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized void initTransactions() {
            super.initTransactions();
            Runnable hook = clients.onNextInitTransactions;
            clients.onNextInitTransactions = null;
            if (hook != null) {
                hook.run();
            }
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            events.add("send " + record.topic() + " " + text(record.value()));
            return super.send(record, callback);
        }
    }

    /**
     * The consumer of the group's offsets, noting its commits in {@link #events}. {@code MockConsumer}
     * answers offset 0 for a committed partition it is not assigned, so it is assigned every source partition.
     */
    final class OffsetsConsumer extends MockConsumer<byte[], byte[]> {

        OffsetsConsumer() {
            super("earliest");
            Node node = new Node(0, "k", 9092);
            updatePartitions("in", List.of(new PartitionInfo("in", 0, node, new Node[0], new Node[0]),
                    new PartitionInfo("in", 1, node, new Node[0], new Node[0])));
            assign(List.of(P0, P1));
        }

        /** What the group holds, readable after the consumer is closed. */
        private final Map<TopicPartition, Long> group = new HashMap<>();

        /** The group's committed offset of {@code partition} when the test starts, as the spout commits it. */
        void startAt(TopicPartition partition, long offset) {
            super.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
            group.put(partition, offset);
        }

        Long committedOffset(TopicPartition partition) {
            return group.get(partition);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<TopicPartition, OffsetAndMetadata> sorted = new TreeMap<>(
                    Comparator.comparing(TopicPartition::toString));
            sorted.putAll(offsets);
            sorted.forEach((partition, offset) -> events.add("commit " + partition + "=" + offset.offset()));
            super.commitSync(offsets);
            offsets.forEach((partition, offset) -> group.put(partition, offset.offset()));
        }
    }

    /** Admin answers of a cluster where the changelog exists and no transaction is open. */
    static class QuietChangelogAdmin implements ChangelogAdmin {

        @Override
        public int partitionCount(String topic) {
            return 2;
        }

        @Override
        public void widen(String topic, int partitions) {
            throw new AssertionError("the changelog has partitions enough");
        }

        @Override
        public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
            return new HashMap<>();
        }

        @Override
        public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
            return Map.of();
        }

        @Override
        public OptionalLong producerId(String transactionalId) {
            // No coordinator knows the id: nothing of it can be open anywhere.
            return OptionalLong.empty();
        }

        @Override
        public void abort(TopicPartition partition, ProducerState producer) {
            throw new AssertionError("no transaction hangs");
        }

        @Override
        public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void close() {
        }
    }
}
