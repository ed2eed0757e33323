package org.hyperiot.streaming.kafka.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class LegacyGroupOffsetsTest {

    private static final ReceiverSubscription SUBSCRIPTION = new ReceiverSubscription("alarms", "device-17", "billing");
    private static final String LEGACY = SUBSCRIPTION.legacyGroupId("microservices");
    private static final String CURRENT = SUBSCRIPTION.groupId("microservices");
    private static final TopicPartition ALARMS_0 = new TopicPartition("alarms", 0);
    private static final TopicPartition ALARMS_1 = new TopicPartition("alarms", 1);

    private final Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
    private final LegacyGroupOffsets.Groups groups = new LegacyGroupOffsets.Groups() {
        @Override
        public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
            return new HashMap<>(committed.getOrDefault(groupId, Map.of()));
        }

        @Override
        public void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
            committed.computeIfAbsent(groupId, id -> new HashMap<>()).putAll(offsets);
        }
    };
    private final LegacyGroupOffsets legacyOffsets = new LegacyGroupOffsets(groups, LEGACY, CURRENT, "alarms");

    @Test
    void anExistingReceiverResumesWhereItsFormerGroupStopped() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> former = new HashMap<>();
        former.put(ALARMS_0, new OffsetAndMetadata(42));
        former.put(ALARMS_1, new OffsetAndMetadata(7));
        former.put(new TopicPartition("other", 0), new OffsetAndMetadata(99));
        former.put(new TopicPartition("alarms", 2), null);
        committed.put(LEGACY, former);

        assertThat(legacyOffsets.carryOver()).containsOnly(Map.entry(ALARMS_0, new OffsetAndMetadata(42)),
                Map.entry(ALARMS_1, new OffsetAndMetadata(7)));

        assertThat(committed.get(CURRENT)).containsOnly(Map.entry(ALARMS_0, new OffsetAndMetadata(42)),
                Map.entry(ALARMS_1, new OffsetAndMetadata(7)));
    }

    @Test
    void aGroupWithOffsetsOfItsOwnIsNeverRewound() throws Exception {
        committed.put(LEGACY, Map.of(ALARMS_0, new OffsetAndMetadata(42)));
        committed.put(CURRENT, Map.of(ALARMS_0, new OffsetAndMetadata(1000)));

        assertThat(legacyOffsets.carryOver()).isEmpty();
        assertThat(committed.get(CURRENT)).containsOnly(Map.entry(ALARMS_0, new OffsetAndMetadata(1000)));
    }

    @Test
    void aNewReceiverHasNothingToCarryOver() throws Exception {
        assertThat(legacyOffsets.carryOver()).isEmpty();
        assertThat(committed).doesNotContainKey(CURRENT);
    }

    @Test
    void whenKafkaCannotBeAskedNothingIsCarriedOverAndTheCallerHears() {
        committed.put(LEGACY, Map.of(ALARMS_0, new OffsetAndMetadata(42)));
        LegacyGroupOffsets unreachable = new LegacyGroupOffsets(new LegacyGroupOffsets.Groups() {
            @Override
            public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
                throw new TimeoutException("Timed out waiting for a node assignment.");
            }

            @Override
            public void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
                throw new AssertionError("nothing to commit");
            }
        }, LEGACY, CURRENT, "alarms");

        assertThatThrownBy(unreachable::carryOver).isInstanceOf(TimeoutException.class);
    }
}
