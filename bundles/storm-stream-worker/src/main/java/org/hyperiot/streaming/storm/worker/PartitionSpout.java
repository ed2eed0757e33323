package org.hyperiot.streaming.storm.worker;

import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.storm.ICredentialsListener;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichSpout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spout of a stream on Storm: each task reads its share of the stream's source partitions and emits
 * {@link PartitionTuple}s, as {@link PartitionReader} describes, to be grouped by
 * {@link SourcePartitionGrouping}. The Kafka client properties come from the topology configuration and
 * the Storm credentials ({@link KafkaClientSettings}).
 *
 * <p>The spout reads and rewinds a partition on a failed tuple; it commits no offsets but the start of a
 * partition the stream's group has none for. The engine bolt commits them under every guarantee, because
 * a stateful stream's changelog and offsets must move together and only the bolt writes the changelog.
 */
public final class PartitionSpout extends BaseRichSpout implements ICredentialsListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionSpout.class);

    private final SpoutSettings settings;
    private transient Map<String, String> credentials;
    private transient PartitionReader reader;

    /** A spout reading what {@code settings} say. */
    public PartitionSpout(SpoutSettings settings) {
        this.settings = settings;
    }

    /** Keeps the credentials for the consumer; Storm gives them before {@link #open}. */
    @Override
    public void setCredentials(Map<String, String> credentials) {
        if (reader != null) {
            // The consumer was created with the earlier ones; Kafka has no way to change them in place.
            LOG.info("stream {}: new credentials; the spout's consumer keeps those it started with until the worker restarts",
                    settings.stream());
        }
        this.credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        int taskIndex = context.getThisTaskIndex();
        int taskCount = context.getComponentTasks(context.getThisComponentId()).size();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(conf, taskIndex),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader = new PartitionReader(settings, consumer, taskIndex, taskCount, collector::emit,
                () -> System.nanoTime() / 1_000_000);
        reader.open();
    }

    @Override
    public void nextTuple() {
        reader.nextTuple();
    }

    @Override
    public void ack(Object messageId) {
        if (messageId instanceof TupleRange range) {
            reader.ack(range);
        }
    }

    @Override
    public void fail(Object messageId) {
        if (messageId instanceof TupleRange range) {
            reader.fail(range);
        }
    }

    @Override
    public void activate() {
        if (reader != null) {
            reader.activate();
        }
    }

    @Override
    public void deactivate() {
        if (reader != null) {
            reader.deactivate();
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(PartitionTuple.FIELDS);
    }

    /** What the spout reads and how. */
    public SpoutSettings settings() {
        return settings;
    }

    /** The reader of this task once opened, for its counters; {@code null} before. */
    public PartitionReader reader() {
        return reader;
    }

    /** The consumer properties of task {@code taskIndex} under the topology configuration and the credentials. */
    Map<String, Object> consumerConfig(Map<String, Object> conf, int taskIndex) {
        return settings.consumerConfig(taskIndex, KafkaClientSettings.of(conf, credentials));
    }
}
