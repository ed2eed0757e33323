package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SourcePartitionsTest {

    @Test
    void partitionsOfAllTopicsInterleaveSoThatAnIndexNeverMovesWhenATopicGrows() {
        // topics [a, b]: a-0, b-0, a-1, b-1, a-2, ...
        assertThat(SourcePartitions.index(0, 0, 2)).isZero();
        assertThat(SourcePartitions.index(1, 0, 2)).isEqualTo(1);
        assertThat(SourcePartitions.index(0, 1, 2)).isEqualTo(2);
        assertThat(SourcePartitions.index(1, 5, 2)).isEqualTo(11);
        assertThat(SourcePartitions.topicPosition(11, 2)).isEqualTo(1);
        assertThat(SourcePartitions.partition(11, 2)).isEqualTo(5);
    }

    @Test
    void withOneTopicTheIndexIsThePartition() {
        assertThat(SourcePartitions.index(0, 7, 1)).isEqualTo(7);
        assertThat(SourcePartitions.partition(7, 1)).isEqualTo(7);
        assertThat(SourcePartitions.topicPosition(7, 1)).isZero();
    }

    @Test
    void positionsOutsideTheTopicListAndIndexesThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> SourcePartitions.index(2, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartitions.index(-1, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartitions.index(0, -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartitions.index(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartitions.index(1, Integer.MAX_VALUE / 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartitions.partition(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void everyIndexReadsBackAndNoTwoPartitionsShareOne(@ForAll @IntRange(min = 1, max = 20) int topicCount,
                                                       @ForAll @IntRange(min = 0, max = 19) int position,
                                                       @ForAll @IntRange(min = 0, max = 100_000) int partition) {
        int topicPosition = position % topicCount;
        int index = SourcePartitions.index(topicPosition, partition, topicCount);

        assertThat(SourcePartitions.topicPosition(index, topicCount)).isEqualTo(topicPosition);
        assertThat(SourcePartitions.partition(index, topicCount)).isEqualTo(partition);
    }
}
