package org.hyperiot.streaming.benchmark.sidebyside.storm;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.storm.Config;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.kafka.bolt.KafkaBolt;
import org.apache.storm.kafka.bolt.mapper.FieldNameBasedTupleToKafkaMapper;
import org.apache.storm.kafka.bolt.selector.DefaultTopicSelector;
import org.apache.storm.kafka.spout.FirstPollOffsetStrategy;
import org.apache.storm.kafka.spout.KafkaSpout;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.kafka.spout.KafkaSpoutConfig.ProcessingGuarantee;
import org.apache.storm.topology.TopologyBuilder;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Values;

/**
 * The stateless telemetry pipeline as a Storm topology, written the way storm-kafka-client's
 * documentation and an experienced Storm user write it:
 *
 * <pre>
 * readings (KafkaSpout, at-least-once) → filter-project (FilterProjectBolt) → writer (KafkaBolt)
 * </pre>
 *
 * <p>The spout emits each record's key and value as bytes with the record as message id, and commits
 * the offsets of acked records every commit interval to the run's group; the filter anchors its
 * outputs; the writer acks a tuple once Kafka has acknowledged its record ({@code acks=all}), so an
 * offset is committed only after its output is written. Tuples stay in one worker JVM, so local or
 * shuffle grouping hands them over without serialising them. Storm's {@code KafkaBolt} has no
 * transactions, so the topology gives at-least-once only.
 */
public final class TelemetryTopology {

    /** The spout's component id. */
    public static final String SPOUT = "readings";
    /** The filter and projection bolt's component id. */
    public static final String FILTER = "filter-project";
    /** The Kafka writer's component id. */
    public static final String WRITER = "writer";

    /** The spout's field holding the record's key. */
    static final String KEY = "key";
    /** The spout's field holding the record's value. */
    static final String VALUE = "value";

    private TelemetryTopology() {
    }

    /** The topology: each component with {@code parallelism} executors. */
    public static StormTopology build(ContestantOptions options) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout(SPOUT, new KafkaSpout<>(spoutConfig(options)), options.parallelism());
        builder.setBolt(FILTER, new FilterProjectBolt(), options.parallelism()).localOrShuffleGrouping(SPOUT);
        builder.setBolt(WRITER, writer(options), options.parallelism()).localOrShuffleGrouping(FILTER);
        return builder.createTopology();
    }

    /**
     * The topology's own configuration: one worker JVM, and as many tuples in flight per spout task as
     * the platform's stream topologies allow theirs, so that neither has more room to work with.
     * Everything else (acker executors: one per worker; message timeout: 30 s) is Storm's default.
     */
    public static Map<String, Object> configuration(ContestantOptions options) {
        Config config = new Config();
        config.setNumWorkers(1);
        config.setMaxSpoutPending(options.maxSpoutPending());
        return config;
    }

    static KafkaSpoutConfig<byte[], byte[]> spoutConfig(ContestantOptions options) {
        return new KafkaSpoutConfig.Builder<byte[], byte[]>(options.bootstrapServers(), options.inputTopic())
                .setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .setGroupId(options.group())
                .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                // The group's committed offsets if it has any, else the beginning: what every other
                // contestant's "earliest" means.
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST)
                .setOffsetCommitPeriodMs(options.commitIntervalMs())
                .setRecordTranslator(TelemetryTopology::keyAndValue, new Fields(KEY, VALUE))
                .build();
    }

    /**
     * The writer: storm-kafka-client's bolt with the producer settings every contestant has
     * ({@code acks=all}, the run's compression; {@code linger.ms} stays at Kafka's 5 ms, as the
     * platform's producers have it), and the record's key and value taken from the filter's fields.
     */
    static KafkaBolt<byte[], byte[]> writer(ContestantOptions options) {
        return new KafkaBolt<byte[], byte[]>()
                .withProducerProperties(producerProperties(options))
                .withTopicSelector(new DefaultTopicSelector(options.outputTopic()))
                .withTupleToKafkaMapper(new FieldNameBasedTupleToKafkaMapper<>());
    }

    static Properties producerProperties(ContestantOptions options) {
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return producer;
    }

    private static List<Object> keyAndValue(ConsumerRecord<byte[], byte[]> record) {
        return new Values(record.key(), record.value());
    }
}
