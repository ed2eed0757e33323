package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaProducerPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topic map's reader against mock clients and a cluster held in memory: what it does while Kafka
 * cannot be reached, when the connector moves to other bootstrap servers, and when its topic is unfit.
 * Each applied record is handed to a queue, so the tests wait for records, not for time.
 */
class CompactedTopicMapTest {

    private static final String TOPIC = "definitions";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final InternalTopic DEFINITIONS = new InternalTopic(TOPIC, "the stream definitions",
            "org.hyperiot.streaming.runtime", "definitions.topic", true,
            "this node runs no streams and refuses stream requests");

    private final FakeConnector connector = new FakeConnector();
    private final InMemoryTopicAdmin cluster = new InMemoryTopicAdmin();
    private final BlockingQueue<String> applied = new LinkedBlockingQueue<>();
    private CompactedTopicMap map;

    @AfterEach
    void close() {
        if (map != null) {
            map.close();
        }
    }

    @BeforeEach
    void topicAsTheMapCreatesIt() {
        cluster.existing(TOPIC, 1, Map.of("cleanup.policy", "compact"));
    }

    @Test
    void whileKafkaCannotBeReachedTheReaderKeepsItsConsumerAndReadsOnceKafkaAnswers() throws Exception {
        for (int i = 0; i < 5; i++) {
            cluster.failures.add(new KafkaAdminException("KAFKA_UNAVAILABLE", "Kafka did not answer within 30 s", null));
        }
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "s", "v1".getBytes()));

        start();

        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("s");
        assertThat(cluster.requests()).hasSize(6);
        assertThat(connector.consumers).hasSize(1);
        assertThat(connector.producers).hasSize(1);
        assertThat(map.get("s")).hasValueSatisfying(value -> assertThat(new String(value)).isEqualTo("v1"));
    }

    @Test
    void aFailedPollDoesNotMakeTheReaderReadTheTopicAgainFromTheBeginning() throws Exception {
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "a", "1".getBytes()));
        start();
        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("a");
        MockConsumer<String, byte[]> consumer = connector.consumers.get(0);

        consumer.setPollException(new org.apache.kafka.common.KafkaException("broker went away"));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "b", "2".getBytes())));

        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("b");
        assertThat(map.get("a")).isPresent();
        assertThat(cluster.requests()).hasSize(1);
        assertThat(connector.consumers).hasSize(1);
    }

    @Test
    void newBootstrapServersGiveTheMapNewClientsThatReadTheTopicAgain() throws Exception {
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "s", "old".getBytes()));
        start();
        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("s");

        connector.records.clear();
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "t", "new".getBytes()));
        connector.servers = "new-cluster:9092";

        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("t");
        assertThat(connector.consumers).hasSize(2);
        assertThat(connector.consumers.get(0).closed()).isTrue();
        assertThat(connector.producers).hasSize(2);
        assertThat(connector.producers.get(0).closed()).isTrue();
        assertThat(map.snapshot()).containsOnlyKeys("t");
    }

    @Test
    void aMissingTopicIsCreatedCompactedAndRead() throws Exception {
        cluster.deleteTopic(TOPIC);
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "s", "v".getBytes()));

        start();

        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("s");
        assertThat(cluster.topic(TOPIC).orElseThrow().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(map.verdict().outcome()).isEqualTo(TopicVerdict.Outcome.FIT);
    }

    @Test
    void anUnfitTopicIsNeitherReadNorWrittenAndAWriteIsRefusedAtOnceWithTheReason() throws Exception {
        cluster.alter(TOPIC, "cleanup.policy", "delete");
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "s", "v".getBytes()));

        start(Duration.ofHours(1));
        awaitVerdict(TopicVerdict.Outcome.UNFIT);

        assertThat(map.verdict().reason()).contains("cleanup.policy=delete");
        long started = System.nanoTime();
        assertThatThrownBy(() -> map.put("t", "w".getBytes(), TIMEOUT)).isInstanceOf(UnfitTopicException.class)
                .hasMessageContaining("cleanup.policy=delete");
        assertThatThrownBy(() -> map.awaitCaughtUp(TIMEOUT)).isInstanceOf(UnfitTopicException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        map.putAsync("t", "w".getBytes());
        assertThat(connector.producers.get(0).history()).isEmpty();
        assertThat(connector.consumers.get(0).assignment()).isEmpty();
        assertThat(applied).isEmpty();
        assertThat(cluster.topic(TOPIC).orElseThrow().configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void aTopicMadeFitIsReadFromTheBeginning() throws Exception {
        cluster.alter(TOPIC, "cleanup.policy", "delete");
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "s", "v".getBytes()));
        start(Duration.ofMillis(10));
        awaitVerdict(TopicVerdict.Outcome.UNFIT);

        cluster.alter(TOPIC, "cleanup.policy", "compact");

        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("s");
        assertThat(map.verdict().outcome()).isEqualTo(TopicVerdict.Outcome.FIT);
    }

    @Test
    void aTopicFoundUnfitWhileInUseIsNoLongerRead() throws Exception {
        connector.records.add(new ConsumerRecord<>(TOPIC, 0, 0, "s", "v".getBytes()));
        start(Duration.ofMillis(10));
        assertThat(applied.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("s");

        cluster.alter(TOPIC, "cleanup.policy", "compact,delete");

        awaitVerdict(TopicVerdict.Outcome.UNFIT);
        Await.until("the reader's assignment dropped", TIMEOUT, () -> connector.consumers.get(0).assignment().isEmpty());
        assertThatThrownBy(() -> map.put("t", "w".getBytes(), TIMEOUT)).isInstanceOf(UnfitTopicException.class);
    }

    private void start() {
        start(Duration.ofHours(1));
    }

    private void start(Duration topicCheck) {
        map = new CompactedTopicMap(DEFINITIONS, connector, cluster, (short) 1,
                Duration.ofMillis(10), Duration.ofMillis(10), topicCheck);
        map.start((key, value) -> applied.add(key));
    }

    private void awaitVerdict(TopicVerdict.Outcome outcome) {
        Await.until("verdict " + outcome, TIMEOUT, () -> map.verdict().outcome() == outcome);
    }

    /**
     * Hands out mock clients and remembers them; each new consumer holds the topic's partition and
     * {@link #records}, as a consumer of the cluster the connector currently points at would.
     */
    private static final class FakeConnector implements KafkaConnector {

        final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        final List<MockConsumer<String, byte[]>> consumers = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<MockProducer<String, byte[]>> producers = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String servers = "old-cluster:9092";

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Consumer<K, V> newConsumer(Map<String, Object> overrides, Deserializer<K> keyDeserializer,
                Deserializer<V> valueDeserializer) {
            MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
            Node node = new Node(0, "localhost", 9092);
            consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node},
                    new Node[] {node})));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            List<ConsumerRecord<String, byte[]>> existing = List.copyOf(records);
            // Records can only be added once the reader assigned the partition: on its first poll.
            consumer.schedulePollTask(() -> existing.forEach(consumer::addRecord));
            consumers.add(consumer);
            return (Consumer<K, V>) consumer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Producer<K, V> newProducer(Map<String, Object> overrides, Serializer<K> keySerializer,
                Serializer<V> valueSerializer) {
            MockProducer<String, byte[]> producer = new MockProducer<>();
            producers.add(producer);
            return (Producer<K, V>) producer;
        }

        @Override
        public KafkaClusterStatus clusterStatus() {
            return new KafkaClusterStatus(false, null, 0, servers, "not checked", Instant.EPOCH);
        }

        @Override
        public ClusterIdentity identity() {
            return new ClusterIdentity("test", "node-1");
        }

        @Override
        public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Admin newAdmin(Map<String, Object> overrides) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <K, V> KafkaProducerPool<K, V> newProducerPool(int size, Map<String, Object> overrides,
                Serializer<K> keySerializer, Serializer<V> valueSerializer) {
            throw new UnsupportedOperationException();
        }
    }
}
