package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.engine.state.StateChange;
import org.junit.jupiter.api.Test;

class ChangelogKeysTest {

    private static final TopicPartition TELEMETRY_1 = new TopicPartition("telemetry", 1);

    @Test
    void aChangeComesBackFromItsKeyWithSlashesInTheStateKey() {
        StateChange change = new StateChange("windows", "d17/1700000000000", new byte[] {1, 2});

        StateChange read = ChangelogKeys.change(TELEMETRY_1, ChangelogKeys.key(TELEMETRY_1, change), change.value());

        assertThat(read).isEqualTo(change);
    }

    @Test
    void changesOfOtherTasksSharingThePartitionAreSkipped() {
        StateChange change = new StateChange("windows", "k", new byte[] {1});
        byte[] key = ChangelogKeys.key(new TopicPartition("telemetry", 11), change);

        assertThat(ChangelogKeys.change(TELEMETRY_1, key, change.value())).isNull();
        assertThat(ChangelogKeys.change(new TopicPartition("alerts", 1), ChangelogKeys.key(TELEMETRY_1, change), null)).isNull();
        assertThat(ChangelogKeys.change(TELEMETRY_1, null, null)).isNull();
        assertThat(ChangelogKeys.change(TELEMETRY_1, "telemetry/1/nostore".getBytes(StandardCharsets.UTF_8), null)).isNull();
    }

    @Test
    void aDeletionStaysADeletion() {
        StateChange deletion = new StateChange("windows", "k", null);

        assertThat(ChangelogKeys.change(TELEMETRY_1, ChangelogKeys.key(TELEMETRY_1, deletion), null).isDeletion()).isTrue();
    }
}
