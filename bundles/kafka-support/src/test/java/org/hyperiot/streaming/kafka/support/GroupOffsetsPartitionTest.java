package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class GroupOffsetsPartitionTest {

    @Test
    void aGroupsPartitionIsTheOneKafkasGroupCoordinatorChooses() {
        for (String group : new String[] {"hyperiot-stream-km-window-eos-native", "hyperiot-saga-coordinator", "", "a",
                "hyperiot-stream-s"}) {
            for (int partitions : new int[] {1, 3, 50}) {
                assertThat(GroupOffsetsPartition.of(group, partitions)).isEqualTo(
                        new TopicPartition("__consumer_offsets", Utils.abs(group.hashCode()) % partitions));
            }
        }
    }

    @Test
    void aGroupIdWhoseHashIsTheSmallestIntegerMapsToTheFirstPartition() {
        // "polygenelubricants".hashCode() == Integer.MIN_VALUE, whose Math.abs is negative.
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(GroupOffsetsPartition.of("polygenelubricants", 50).partition()).isZero();
    }

    @Test
    void aTopicWithoutPartitionsIsRefused() {
        assertThatThrownBy(() -> GroupOffsetsPartition.of("g", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
