package org.hyperiot.streaming.example.storm.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.storm.ICredentialsListener;
import org.apache.storm.kafka.spout.DefaultRecordTranslator;
import org.apache.storm.kafka.spout.FirstPollOffsetStrategy;
import org.apache.storm.kafka.spout.KafkaSpout;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.IRichSpout;
import org.apache.storm.topology.OutputFieldsDeclarer;

/**
 * Storm's own Kafka spout (storm-kafka-client, at-least-once: offsets are committed once the tuples
 * made of them are acked), built on the worker rather than in Karaf so that its consumer gets the
 * Kafka secrets from Storm's credentials, which Storm delivers before {@link #open}. Serialised into
 * the topology is only what may be shown: bootstrap servers, topic, group.
 *
 * <p>Emits {@code topic, partition, offset, key, value}, the spout's default record fields.
 */
final class ReadingsSpout implements IRichSpout, ICredentialsListener {

    private static final long serialVersionUID = 1L;

    private final KafkaClientSettings kafka;
    private final String topic;
    private final String group;
    private transient Map<String, String> credentials;
    private transient KafkaSpout<String, String> delegate;

    ReadingsSpout(KafkaClientSettings kafka, String topic, String group) {
        this.kafka = kafka;
        this.topic = topic;
        this.group = group;
    }

    @Override
    public void setCredentials(Map<String, String> credentials) {
        // Storm calls this before open and again when the credentials are uploaded anew; a new consumer
        // picks them up when the worker restarts.
        this.credentials = credentials == null ? Map.of() : new HashMap<>(credentials);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(kafka.bootstrapServers(), topic)
                .setProp(kafka.withCredentials(credentials))
                .setGroupId(group)
                // A first deployment starts at the beginning; a redeployed one resumes from the group's commits.
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST)
                .setProcessingGuarantee(KafkaSpoutConfig.ProcessingGuarantee.AT_LEAST_ONCE)
                .setOffsetCommitPeriodMs(1_000)
                .build();
        delegate = new KafkaSpout<>(config);
        delegate.open(conf, context, collector);
    }

    @Override
    public void nextTuple() {
        delegate.nextTuple();
    }

    @Override
    public void ack(Object messageId) {
        delegate.ack(messageId);
    }

    @Override
    public void fail(Object messageId) {
        delegate.fail(messageId);
    }

    @Override
    public void activate() {
        delegate.activate();
    }

    @Override
    public void deactivate() {
        delegate.deactivate();
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(DefaultRecordTranslator.FIELDS);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }

    String topic() {
        return topic;
    }
}
