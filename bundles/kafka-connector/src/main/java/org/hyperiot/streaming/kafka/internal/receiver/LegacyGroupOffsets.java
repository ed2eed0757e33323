package org.hyperiot.streaming.kafka.internal.receiver;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Carries a receiver's committed offsets over from the group id it had before ids were escaped
 * ({@link ReceiverSubscription#legacyGroupId}) to its current one, so that an existing receiver
 * resumes where it stopped instead of starting its new group at {@code auto.offset.reset} (by
 * default the beginning of the topic, which would deliver every record again). Offsets move only
 * into a group that has none for the topic yet, and only before the receiver joins it, so a running
 * group is never rewound.
 */
final class LegacyGroupOffsets {

    /** The consumer groups of the cluster, as far as this needs them. */
    interface Groups {

        /** The committed offsets of {@code groupId}; empty for a group that does not exist. */
        Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws Exception;

        /** Commits {@code offsets} for {@code groupId}, which has no member. */
        void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) throws Exception;
    }

    private final Groups groups;
    private final String legacyGroupId;
    private final String groupId;
    private final String topic;

    LegacyGroupOffsets(Groups groups, String legacyGroupId, String groupId, String topic) {
        this.groups = groups;
        this.legacyGroupId = legacyGroupId;
        this.groupId = groupId;
        this.topic = topic;
    }

    /**
     * Copies the legacy group's offsets for the topic when the current group has none.
     *
     * @return the offsets carried over; empty when the current group already had offsets or the
     *         legacy group had none
     * @throws Exception when Kafka could not be asked or did not take the offsets; nothing was carried over
     */
    Map<TopicPartition, OffsetAndMetadata> carryOver() throws Exception {
        if (!ofTopic(groups.committed(groupId)).isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> legacy = ofTopic(groups.committed(legacyGroupId));
        if (!legacy.isEmpty()) {
            groups.commit(groupId, legacy);
        }
        return legacy;
    }

    private Map<TopicPartition, OffsetAndMetadata> ofTopic(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> ofTopic = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            // Kafka lists a partition without a committed offset with a null value.
            if (offset != null && partition.topic().equals(topic)) {
                ofTopic.put(partition, offset);
            }
        });
        return ofTopic;
    }
}
