package org.hyperiot.streaming.storm.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.Repartitioning;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine bolt task asks Kafka about its stream, through one consumer of the stream group's
 * offsets (created on first need, which the commit groups of at-most-once and at-least-once also commit
 * through): committed offsets, partition counts and the stream's layout made of them, the partitions a
 * task may write to, and the lag.
 *
 * <p>Not thread-safe: a bolt's methods all run on its executor's thread.
 */
final class StreamKafkaMetadata implements AutoCloseable {

    // Logs as the bolt task it is part of: the name a worker's log shows and its logging configuration sets.
    private static final Logger LOG = LoggerFactory.getLogger(EngineBoltTasks.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final StreamDefinition definition;
    private final BoltClients clients;
    private final Map<String, Object> cluster;
    private final String taskName;
    /** Whether the task routes to the repartition topic, which it then writes to. */
    private final boolean routing;
    private Consumer<byte[], byte[]> offsets;
    private StreamLayout layout;

    /**
     * @param cluster the Kafka client settings of the cluster ({@link KafkaClientSettings})
     * @param routing whether the task is a routing one, over the source partitions of a stream that repartitions
     */
    StreamKafkaMetadata(StreamDefinition definition, BoltClients clients, Map<String, Object> cluster,
            String taskName, boolean routing) {
        this.definition = definition;
        this.clients = clients;
        this.cluster = cluster;
        this.taskName = taskName;
        this.routing = routing;
    }

    /** The bolt task's consumer of the stream group's offsets; closed with this. */
    Consumer<byte[], byte[]> offsetsConsumer() {
        if (offsets == null) {
            offsets = clients.consumer(BoltClientConfigs.offsetsConsumer(cluster, definition.name(),
                    BoltClientConfigs.clientId(definition.name(), taskName, "offsets")));
        }
        return offsets;
    }

    /** The stream group's committed offset of {@code partition}; null when it has none. */
    OffsetAndMetadata committed(TopicPartition partition) {
        return offsetsConsumer().committed(Set.of(partition), CALL_TIMEOUT).get(partition);
    }

    /**
     * The stream's source partitions and its repartition topic's, as the engine's tasks need to know
     * them; found once, when the first partition opens (a windowing task also waits for source
     * partitions added later, once it hears of them).
     *
     * @throws IllegalStateException when a topic of a stream that repartitions is missing: its windowing
     *                               stage would not know every source partition to wait for
     */
    StreamLayout layout() {
        if (layout == null) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String topic : definition.source().topics()) {
                counts.put(topic, partitionCount(topic));
            }
            if (!Repartitioning.required(definition)) {
                layout = StreamLayout.direct(counts);
                return layout;
            }
            counts.forEach((topic, count) -> {
                if (count == 0) {
                    throw new IllegalStateException("source topic " + topic + " of stream '" + definition.name()
                            + "' is not found");
                }
            });
            String repartitionTopic = StreamResources.repartitionTopic(definition.name());
            int repartitionPartitions = partitionCount(repartitionTopic);
            if (repartitionPartitions == 0) {
                throw new IllegalStateException("repartition topic " + repartitionTopic + " is not found; the "
                        + "platform creates it when the stream starts");
            }
            layout = StreamLayout.of(definition, counts, repartitionPartitions);
        }
        return layout;
    }

    /** The layout if {@link #layout()} found it already, else null; without asking Kafka. */
    StreamLayout foundLayout() {
        return layout;
    }

    private int partitionCount(String topic) {
        List<PartitionInfo> found = offsetsConsumer().partitionsFor(topic, CALL_TIMEOUT);
        return found == null ? 0 : found.size();
    }

    /**
     * The partitions the task of {@code partition} may write to: every partition of the sink, late-record
     * and dead-letter topics (a key goes to the partition it hashes to), of the repartition topic for a
     * routing task, and its changelog partition when it keeps window state.
     */
    List<TopicPartition> writtenPartitions(TopicPartition partition) {
        List<String> topics = new ArrayList<>();
        topics.add(definition.sink().topic());
        if (definition.lateRecords() != null) {
            topics.add(definition.lateRecords().topic());
        }
        if (definition.deadLetter() != null) {
            topics.add(definition.deadLetter().topic());
        }
        StreamLayout known = layout();
        if (routing) {
            topics.add(known.repartitionTopic());
        }
        List<TopicPartition> written = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitionCount(topic); p++) {
                written.add(new TopicPartition(topic, p));
            }
        }
        boolean windowed = definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
        if (known.keepsState(partition, windowed)) {
            written.add(new TopicPartition(StreamResources.changelogTopic(definition.name()), partition.partition()));
        }
        return written;
    }

    /**
     * How far each open partition's next offset is behind its end (the last stable offset, under
     * read_committed); none when Kafka does not answer, which the next report tries again.
     *
     * @param next the next offset to process of each open partition
     */
    Map<TopicPartition, Long> lag(Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> lag = new HashMap<>();
        try {
            offsetsConsumer().endOffsets(next.keySet(), CALL_TIMEOUT).forEach((partition, end) ->
                    lag.put(partition, Math.max(0, end - next.get(partition))));
        } catch (RuntimeException e) {
            LOG.debug("Stream '{}': end offsets unknown for the lag: {}", definition.name(), e.toString());
        }
        return lag;
    }

    /** Closes the offsets consumer, if there is one. */
    @Override
    public void close() {
        if (offsets != null) {
            Consumer<byte[], byte[]> consumer = offsets;
            Closing.quietly(() -> consumer.close(Closing.TIMEOUT), definition.name(), "offsets consumer");
            offsets = null;
        }
    }
}
