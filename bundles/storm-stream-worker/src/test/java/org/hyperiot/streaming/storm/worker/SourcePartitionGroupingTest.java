package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SourcePartitionGroupingTest {

    @Test
    void eachPartitionGoesToOneTaskPartitionModuloTasksInTaskIdOrder() {
        SourcePartitionGrouping grouping = new SourcePartitionGrouping();
        grouping.prepare(null, null, List.of(7, 3, 5));

        assertThat(grouping.chooseTasks(1, List.of(0, "record"))).containsExactly(3);
        assertThat(grouping.chooseTasks(1, List.of(1, "record"))).containsExactly(5);
        assertThat(grouping.chooseTasks(2, List.of(2, "record"))).containsExactly(7);
        assertThat(grouping.chooseTasks(2, List.of(3, "record"))).as("the same task from any spout task").containsExactly(3);
        assertThat(SourcePartitionGrouping.taskIndex(4, 3)).isEqualTo(1);
    }

    @Test
    void aTupleWithoutAPartitionOrAGroupingNotPreparedIsRefused() {
        SourcePartitionGrouping grouping = new SourcePartitionGrouping();
        assertThatThrownBy(() -> grouping.chooseTasks(1, List.of(0))).isInstanceOf(IllegalStateException.class);

        grouping.prepare(null, null, List.of(1));
        assertThatThrownBy(() -> grouping.chooseTasks(1, List.of("0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grouping.chooseTasks(1, List.of(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grouping.chooseTasks(1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
