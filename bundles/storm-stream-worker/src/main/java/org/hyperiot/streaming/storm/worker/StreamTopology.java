package org.hyperiot.streaming.storm.worker;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.storm.Config;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.topology.TopologyBuilder;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.Repartitioning;

/**
 * A stream definition as a Storm topology: a {@link PartitionSpout} reading the source partitions, the
 * {@link SourcePartitionGrouping} by source partition, and an {@link EngineBolt}, each with the
 * definition's {@code parallelism} executors; and the topology's configuration, which carries the
 * definition itself. A stream whose {@code keyBy} repartitions gets a second spout and bolt of the
 * same kinds over its repartition topic ({@link BoltInput#REPARTITION}): the first bolt routes, the
 * second runs the window.
 */
public final class StreamTopology {

    /** The spout's component id. */
    public static final String SPOUT = "source";
    /** The bolt's component id. */
    public static final String BOLT = "engine";
    /** The component id of the spout over the repartition topic, in a stream that repartitions. */
    public static final String REPARTITION_SPOUT = "repartition";
    /** The component id of the bolt running the window, in a stream that repartitions. */
    public static final String WINDOW_BOLT = "window";

    /** Records the spout fetches per poll. */
    static final int MAX_POLL_RECORDS = 500;
    /**
     * Tuples a spout task may have in flight: tuples are acknowledged when a commit covers them, so
     * this must hold more than a commit interval's worth, or the spout waits for every commit.
     */
    static final int MAX_PENDING_NATIVE = 20_000;
    static final int MAX_PENDING_MICRO_BATCH = 200;
    /** After this long without an acknowledgement the spout fails a tuple and rewinds its partition. */
    static final int MESSAGE_TIMEOUT_SECS = 30;

    private StreamTopology() {
    }

    /** The topology of {@code definition}. */
    public static StormTopology build(StreamDefinition definition) {
        TopologyBuilder builder = new TopologyBuilder();
        int parallelism = definition.parallelism();
        builder.setSpout(SPOUT, new PartitionSpout(spoutSettings(definition, BoltInput.SOURCE)), parallelism);
        builder.setBolt(BOLT, new EngineBolt(BoltInput.SOURCE), parallelism)
                .customGrouping(SPOUT, new SourcePartitionGrouping());
        if (Repartitioning.required(definition)) {
            builder.setSpout(REPARTITION_SPOUT, new PartitionSpout(spoutSettings(definition, BoltInput.REPARTITION)),
                    parallelism);
            builder.setBolt(WINDOW_BOLT, new EngineBolt(BoltInput.REPARTITION), parallelism)
                    .customGrouping(REPARTITION_SPOUT, new SourcePartitionGrouping());
        }
        return builder.createTopology();
    }

    /**
     * What the spout of {@code definition} over {@code input} reads and how. The repartition topic is read
     * from its beginning: whatever the routing stage wrote there is the stream's input.
     */
    static SpoutSettings spoutSettings(StreamDefinition definition, BoltInput input) {
        boolean microBatch = definition.mode() == ProcessingMode.MICRO_BATCH;
        String startFrom = input == BoltInput.REPARTITION ? SpoutSettings.EARLIEST
                : definition.source().startFrom().name().toLowerCase(Locale.ROOT);
        return new SpoutSettings(definition.name(), input.topics(definition), startFrom,
                definition.guarantee().jsonName(), microBatch ? definition.batch().maxRecords() : 1, MAX_POLL_RECORDS);
    }

    /**
     * How the platform runs its stream topologies.
     *
     * @param transactionTimeoutMs the exactly-once producers' transaction timeout
     * @param workers              the worker processes to spread a topology's executors over
     * @param statusTopic          the platform's status topic, which the bolt tasks report to; {@code null}: none
     * @param statusIntervalMs     how often they report
     */
    public record Settings(long transactionTimeoutMs, int workers, String statusTopic, long statusIntervalMs) {
    }

    /**
     * The topology's own configuration: the definition's JSON, the Kafka client properties that may be
     * shown (secrets go as credentials), the custom processors and aggregators it carries, the settings,
     * and Storm's flow control.
     *
     * @param definitionJson the definition as the platform stores it
     * @param kafkaClients   non-secret Kafka client properties (bootstrap servers, protocol, …)
     * @param processors     class names by the processor names the definition uses (their jars go with the topology)
     * @param aggregators    class names by the aggregator names the definition uses
     */
    public static Map<String, Object> configuration(StreamDefinition definition, String definitionJson,
            Map<String, String> kafkaClients, Settings settings, Map<String, String> processors,
            Map<String, String> aggregators) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put(StreamTopologyConfig.DEFINITION, definitionJson);
        if (!processors.isEmpty()) {
            configuration.put(StreamTopologyConfig.PROCESSORS, Map.copyOf(processors));
        }
        if (!aggregators.isEmpty()) {
            configuration.put(StreamTopologyConfig.AGGREGATORS, Map.copyOf(aggregators));
        }
        configuration.put(KafkaClientSettings.CLIENTS, Map.copyOf(kafkaClients));
        configuration.put(StreamTopologyConfig.TRANSACTION_TIMEOUT_MS, settings.transactionTimeoutMs());
        configuration.put(Config.TOPOLOGY_WORKERS, settings.workers());
        if (settings.statusTopic() != null) {
            configuration.put(StreamTopologyConfig.STATUS_TOPIC, settings.statusTopic());
            configuration.put(StreamTopologyConfig.STATUS_INTERVAL_MS, settings.statusIntervalMs());
        }
        configuration.put(Config.TOPOLOGY_MAX_SPOUT_PENDING,
                definition.mode() == ProcessingMode.MICRO_BATCH ? MAX_PENDING_MICRO_BATCH : MAX_PENDING_NATIVE);
        configuration.put(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, MESSAGE_TIMEOUT_SECS);
        return configuration;
    }
}
