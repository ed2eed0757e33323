package org.hyperiot.streaming.storm.worker;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.runtime.kafka.StreamResources;

/**
 * What a {@link PartitionSpout} of one stream is to read and how; it travels inside the serialized
 * topology. The constructor refuses settings the spout could not run with.
 *
 * @param stream          the stream's name
 * @param topics          the source topics, in the definition's order, which the global partition index
 *                        ({@link SourcePartitions}) depends on
 * @param startFrom       {@value #EARLIEST} or {@value #LATEST}: where a partition with no committed offset
 *                        in the stream's group starts (the spout commits that start before reading it)
 * @param guarantee       {@value #AT_MOST_ONCE}, {@value #AT_LEAST_ONCE} or {@value #EXACTLY_ONCE}: whether
 *                        the tuples are tracked; the engine bolt commits the offsets as the guarantee requires
 * @param recordsPerTuple at most this many records of one partition per tuple: 1 is native mode, more is
 *                        micro-batch (a tuple only holds records of one poll, so at most
 *                        {@code maxPollRecords})
 * @param maxPollRecords  the consumer's {@code max.poll.records}
 */
public record SpoutSettings(String stream, List<String> topics, String startFrom, String guarantee,
                            int recordsPerTuple, int maxPollRecords) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Start from the beginning of a partition without a committed offset. */
    public static final String EARLIEST = "earliest";
    /** Start from the end of a partition without a committed offset. */
    public static final String LATEST = "latest";
    /** Tuples emitted untracked, never replayed; the engine bolt commits offsets before it sends outputs. */
    public static final String AT_MOST_ONCE = "at-most-once";
    /**
     * Tuples emitted tracked, a failed one rewinding its partition; the engine bolt commits offsets once its
     * outputs and changelog writes are acknowledged.
     */
    public static final String AT_LEAST_ONCE = "at-least-once";
    /** Tuples emitted tracked, as under at-least-once; the engine bolt commits offsets in its transactions. */
    public static final String EXACTLY_ONCE = "exactly-once";

    /**
     * @throws IllegalArgumentException if a value is missing or out of its range, or a topic is named twice
     */
    public SpoutSettings {
        StreamTopologyName.of(stream);
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("stream " + stream + " reads no topic");
        }
        Set<String> seen = new HashSet<>();
        for (String topic : topics) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("a topic without a name in " + topics);
            }
            if (!seen.add(topic)) {
                throw new IllegalArgumentException("topic " + topic + " twice in " + topics);
            }
        }
        topics = List.copyOf(topics);
        if (!EARLIEST.equals(startFrom) && !LATEST.equals(startFrom)) {
            throw new IllegalArgumentException("startFrom is " + EARLIEST + " or " + LATEST + ", not " + startFrom);
        }
        if (!AT_MOST_ONCE.equals(guarantee) && !AT_LEAST_ONCE.equals(guarantee) && !EXACTLY_ONCE.equals(guarantee)) {
            throw new IllegalArgumentException("guarantee is " + AT_MOST_ONCE + ", " + AT_LEAST_ONCE + " or "
                    + EXACTLY_ONCE + ", not " + guarantee);
        }
        if (recordsPerTuple < 1) {
            throw new IllegalArgumentException("recordsPerTuple " + recordsPerTuple + " is below 1");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords " + maxPollRecords + " is below 1");
        }
    }

    /**
     * The stream's consumer group, the one the {@code kafka} engine uses: the spout reads the offsets from it
     * (and commits where a partition without one starts), the engine bolt commits them.
     */
    public String groupId() {
        return "hyperiot-stream-" + stream;
    }

    /** The client id of the consumer of spout task {@code taskIndex}. */
    public String clientId(int taskIndex) {
        boolean repartition = topics.equals(List.of(StreamResources.repartitionTopic(stream)));
        return groupId() + (repartition ? "-repartition-spout-" : "-spout-") + taskIndex;
    }

    /**
     * The properties of the consumer of spout task {@code taskIndex}: {@code clientSettings}
     * ({@link KafkaClientSettings}: where the cluster is, how to authenticate) under the settings the
     * spout's guarantees depend on, which the client settings cannot change.
     */
    public Map<String, Object> consumerConfig(int taskIndex, Map<String, Object> clientSettings) {
        Map<String, Object> config = new HashMap<>();
        // partitionsFor() answers from the consumer's metadata while it has the topic's: without a
        // refresh as often as the spout looks, new partitions would show up only after 5 minutes.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(PartitionReader.DISCOVERY_INTERVAL_MS));
        config.putAll(KafkaClientSettings.consumer(clientSettings));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(taskIndex));
        // Offsets are the engine bolt's to move (the spout only commits where a partition starts): never
        // behind anyone's back.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // An exactly-once upstream's aborted output is not input; committed() also waits for pending
        // transactional offset commits (the bolt's, under exactly-once) before answering.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startFrom);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        // A source topic that does not exist yet is waited for, not created with the broker's defaults.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    boolean atMostOnce() {
        return AT_MOST_ONCE.equals(guarantee);
    }

    boolean acknowledged() {
        return !atMostOnce();
    }
}
