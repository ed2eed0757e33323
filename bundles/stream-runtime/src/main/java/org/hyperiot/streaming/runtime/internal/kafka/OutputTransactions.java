package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.KafkaUnavailableException;
import org.hyperiot.streaming.runtime.kafka.LeftoverTransactions;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions an exactly-once worker writes to (the sink, the repartition, late-record and
 * dead-letter topics) and the transactions that could stay open on them. A transaction left open for
 * good holds back every {@code read_committed} reader of its partition (the failover stall a broker
 * restart can cause), and nothing else would ever end it: so before its producer writes, the worker
 * aborts what its own transactional id left open ({@link LeftoverTransactions}), and one worker per
 * node looks for hanging transactions on the outputs once per transaction timeout.
 */
final class OutputTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTransactions.class);

    private final StreamDefinition definition;
    private final StreamLayout layout;
    /** The partitions of a topic as the worker's consumer knows them; null or empty if it does not exist. */
    private final Function<String, List<PartitionInfo>> topicInfo;
    /** Aborts the transactions hanging on the partitions given. */
    private final Consumer<Collection<TopicPartition>> abortHanging;
    private final boolean checksHanging;
    private final long checkIntervalMs;
    private long lastCheck;
    private List<TopicPartition> outputs;

    /**
     * @param checksHanging whether this worker looks for hanging transactions: one per node is enough
     * @param checkInterval how often it looks, the transaction timeout: a younger transaction may still end
     */
    OutputTransactions(StreamDefinition definition, StreamLayout layout, Function<String, List<PartitionInfo>> topicInfo,
            Consumer<Collection<TopicPartition>> abortHanging, boolean checksHanging, Duration checkInterval) {
        this.definition = definition;
        this.layout = layout;
        this.topicInfo = topicInfo;
        this.abortHanging = abortHanging;
        this.checksHanging = checksHanging;
        this.checkIntervalMs = checkInterval.toMillis();
    }

    /** The partitions of every topic the stream writes to, looked up the first time and kept. */
    Collection<TopicPartition> partitions() {
        if (outputs == null) {
            Set<String> topics = new LinkedHashSet<>();
            topics.add(definition.sink().topic());
            if (layout.repartitions()) {
                topics.add(layout.repartitionTopic());
            }
            if (definition.lateRecords() != null) {
                topics.add(definition.lateRecords().topic());
            }
            if (definition.deadLetter() != null) {
                topics.add(definition.deadLetter().topic());
            }
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> partitions.addAll(partitionsOf(topic)));
            outputs = List.copyOf(partitions);
        }
        return outputs;
    }

    /**
     * Before the worker's producer writes: aborts what {@code transactionalId} left open on the outputs
     * and, for a stateful stream, on the changelog. The id, and with it the producer id, is the same at
     * every attempt of the worker.
     */
    void abortLeftovers(Supplier<ChangelogAdmin> admins, String transactionalId, boolean stateful) {
        List<TopicPartition> written = new ArrayList<>(partitions());
        if (stateful) {
            written.addAll(partitionsOf(StreamResources.changelogTopic(definition.name())));
        }
        try (ChangelogAdmin admin = admins.get()) {
            LeftoverTransactions.abort(admin, definition.name(), transactionalId, written);
        }
    }

    /** Looks for transactions hanging on the outputs, if this worker is the one that does and it is time. */
    void checkIfDue(long nowMs) {
        if (!checksHanging || nowMs - lastCheck < checkIntervalMs) {
            return;
        }
        lastCheck = nowMs;
        try {
            abortHanging.accept(partitions());
        } catch (KafkaUnavailableException e) {
            LOG.debug("Stream {}: could not check its outputs for hanging transactions: {}", definition.name(),
                    e.getMessage());
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        List<PartitionInfo> infos = topicInfo.apply(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }
}
