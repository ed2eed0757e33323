package org.hyperiot.streaming.example.storm.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.storm.Config;
import org.apache.storm.ICredentialsListener;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.TupleUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code key, message} tuples to Kafka, the topic chosen by the stream they came on, and acks a
 * tuple only once Kafka acknowledged its record (fails it if Kafka refused, so that the spout replays
 * it): at-least-once end to end.
 *
 * <p>Storm's {@code OutputCollector} must be used from the executor's thread only, so the producer's
 * callbacks never ack: each tuple waits in {@link #pending} with its send's future, and the executor
 * settles the oldest finished ones at every tuple and every finished one at every tick (one a second),
 * so acks keep flowing when the input stops.
 */
class KafkaWriterBolt extends BaseRichBolt implements ICredentialsListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaWriterBolt.class);

    private final KafkaClientSettings kafka;
    private final Map<String, String> topicsByStream;
    private transient Map<String, String> credentials;
    private transient OutputCollector collector;
    private transient Producer<String, String> producer;
    private transient Deque<Pending> pending;

    /** A tuple whose record was handed to the producer. */
    private record Pending(Tuple tuple, Future<RecordMetadata> sent) {
    }

    /**
     * @param topicsByStream the Kafka topic for each input stream id; a tuple of another stream is a
     *                       wiring error and is failed
     */
    KafkaWriterBolt(KafkaClientSettings kafka, Map<String, String> topicsByStream) {
        this.kafka = kafka;
        this.topicsByStream = new HashMap<>(topicsByStream);
    }

    @Override
    public void setCredentials(Map<String, String> credentials) {
        this.credentials = credentials == null ? Map.of() : new HashMap<>(credentials);
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.pending = new ArrayDeque<>();
        Properties properties = kafka.withCredentials(credentials);
        properties.putIfAbsent("acks", "all");
        properties.putIfAbsent("enable.idempotence", "true");
        properties.putIfAbsent("linger.ms", "5");
        this.producer = newProducer(properties);
    }

    /** The producer this bolt writes with; tests give a {@code MockProducer}. */
    Producer<String, String> newProducer(Properties properties) {
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    @Override
    public void execute(Tuple tuple) {
        if (TupleUtils.isTick(tuple)) {
            settleAll();
        } else {
            send(tuple);
            settleOldest();
        }
    }

    private void send(Tuple tuple) {
        String topic = topicsByStream.get(tuple.getSourceStreamId());
        if (topic == null) {
            LOG.error("No topic for stream {} of {}: tuple failed", tuple.getSourceStreamId(), tuple.getSourceComponent());
            collector.fail(tuple);
            return;
        }
        try {
            pending.add(new Pending(tuple, producer.send(
                    new ProducerRecord<>(topic, tuple.getStringByField("key"), tuple.getStringByField("message")))));
        } catch (RuntimeException e) {
            // Refused before sending (record too large, producer closed…): the spout replays it.
            collector.reportError(e);
            collector.fail(tuple);
        }
    }

    /**
     * Settles the oldest sends while they are done: one producer completes a partition's sends in
     * order, so this usually settles everything done at the cost of what it settles.
     */
    private void settleOldest() {
        while (!pending.isEmpty() && pending.peekFirst().sent().isDone()) {
            settle(pending.pollFirst());
        }
    }

    /** Settles every finished send, wherever it waits (sends to several partitions finish out of order). */
    void settleAll() {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (next.sent().isDone()) {
                it.remove();
                settle(next);
            }
        }
    }

    /** Acks a tuple whose record Kafka acknowledged, fails one it refused. */
    private void settle(Pending done) {
        try {
            done.sent().get();
            collector.ack(done.tuple());
        } catch (ExecutionException e) {
            collector.reportError(e.getCause());
            collector.fail(done.tuple());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.fail(done.tuple());
        }
    }

    @Override
    public void cleanup() {
        if (producer != null) {
            // What is still in flight is neither acked nor failed: the spout replays it after its timeout.
            producer.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        // Writes to Kafka, emits nothing.
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 1);
    }

    int waiting() {
        return pending.size();
    }
}
