package org.hyperiot.streaming.storm.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.storm.Config;
import org.apache.storm.ICredentialsListener;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.TupleUtils;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bolt of a stream on Storm: each task runs the stream's engine over the source partitions the
 * {@link SourcePartitionGrouping} sends it, as {@link EngineBoltTasks} describes, and writes to the sink,
 * late-record, dead-letter and changelog topics with the stream's guarantee. The definition comes from
 * the topology configuration ({@link StreamTopologyConfig#DEFINITION}), the Kafka client properties from
 * the configuration and the Storm credentials ({@link KafkaClientSettings}), custom processors from the
 * classes the configuration names ({@link TopologyExtensions}). A tick tuple every second
 * lets processing-time windows fire and commits come on quiet input.
 */
public final class EngineBolt extends BaseRichBolt implements ICredentialsListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EngineBolt.class);

    private final BoltInput input;
    private transient Map<String, String> credentials;
    private transient EngineBoltTasks<Tuple> tasks;

    /** @param input the partitions the bolt's spout reads */
    public EngineBolt(BoltInput input) {
        this.input = input;
    }

    /** Keeps the credentials for the Kafka clients; Storm gives them before {@link #prepare}. */
    @Override
    public void setCredentials(Map<String, String> credentials) {
        if (tasks != null) {
            LOG.info("New credentials; the engine bolt's Kafka clients keep those they started with until the worker restarts");
        }
        this.credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        StreamDefinition definition = new StreamDefinitionReader().read(StreamTopologyConfig.definition(conf));
        ProcessorRegistry processors = TopologyExtensions.registry(conf, EngineBolt.class.getClassLoader());
        String statusTopic = StreamTopologyConfig.statusTopic(conf);
        StatusReports statusReports = statusTopic == null ? null
                : new StatusReports(statusTopic, StreamTopologyConfig.statusIntervalMs(conf), context.getStormId());
        int boltTasks = context.getComponentTasks(context.getThisComponentId()).size();
        tasks = new EngineBoltTasks<>(definition, processors, input, KafkaClientSettings.of(conf, credentials),
                context.getThisTaskIndex(), boltTasks, Duration.ofMillis(StreamTopologyConfig.transactionTimeoutMs(conf)),
                statusReports,
                new EngineBoltTasks.Acknowledger<>() {
                    @Override
                    public void ack(Tuple tuple) {
                        collector.ack(tuple);
                    }

                    @Override
                    public void fail(Tuple tuple) {
                        collector.fail(tuple);
                    }
                }, Clock.systemUTC());
    }

    @Override
    public void execute(Tuple tuple) {
        if (TupleUtils.isTick(tuple)) {
            tasks.tick();
            return;
        }
        tasks.accept(tuple, PartitionTuple.partition(tuple), PartitionTuple.from(tuple),
                PartitionTuple.to(tuple), PartitionTuple.encodedRecords(tuple));
    }

    @Override
    public void cleanup() {
        if (tasks != null) {
            tasks.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        // Everything goes to Kafka: nothing is emitted downstream.
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 1);
    }
}
