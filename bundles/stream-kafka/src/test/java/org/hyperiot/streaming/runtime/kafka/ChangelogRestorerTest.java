package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.engine.state.StateChange;
import org.junit.jupiter.api.Test;

class ChangelogRestorerTest {

    private static final String CHANGELOG = "hyperiot-stream-s-changelog";
    private static final TopicPartition SOURCE = new TopicPartition("in", 0);
    private static final TopicPartition CHANGELOG_0 = new TopicPartition(CHANGELOG, 0);

    private final MockConsumer<byte[], byte[]> restoreConsumer = new MockConsumer<>("earliest");
    private final List<ConsumerRecord<byte[], byte[]>> changelog = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> claims = new ArrayList<>();

    @Test
    void aStateChangeAFormerOwnerWroteAfterAnotherOneClaimedThePartitionIsNotRestored() {
        claim("a");
        change("window/k", "1", "a");
        claim("b");
        // Node a was paused past its session timeout while b took over; woken up, it wrote its stale window.
        change("window/k", "2", "a");
        change("window/j", "9", "b");
        // Written under exactly-once (no owner), or by another source partition's task: not a claimant's business.
        change("task/watermark", "w", null);
        add("in-b/0/window/k", "x", "a");

        ChangelogRestorer.Restored restored = restorer(claims::add).read(SOURCE);

        assertThat(restored.changes()).extracting(ChangelogRestorerTest::describe)
                .containsExactly("window/k=1", "window/j=9", "task/watermark=w");
        assertThat(claims).hasSize(1);
        String owner = new String(restored.owner(), StandardCharsets.UTF_8);
        assertThat(new String(claims.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("in/0/~claim/" + owner);
        assertThat(claims.get(0).partition()).isZero();
    }

    @Test
    void everyChangeCountsBeforeTheFirstClaimAndUnderExactlyOnceNothingIsClaimed() {
        change("window/k", "1", "a");
        change("window/k", "2", null);

        ChangelogRestorer.Restored restored = restorer(null).read(SOURCE);

        assertThat(restored.changes()).extracting(ChangelogRestorerTest::describe).containsExactly("window/k=1", "window/k=2");
        assertThat(restored.owner()).isNull();
        assertThat(ChangelogKeys.change(SOURCE, ChangelogKeys.claimKey(SOURCE, "a"), new byte[0])).isNull();
    }

    private ChangelogRestorer restorer(ChangelogRestorer.ClaimWriter writer) {
        restoreConsumer.updateBeginningOffsets(Map.of(CHANGELOG_0, 0L));
        restoreConsumer.updateEndOffsets(Map.of(CHANGELOG_0, (long) changelog.size()));
        restoreConsumer.schedulePollTask(() -> changelog.forEach(restoreConsumer::addRecord));
        return new ChangelogRestorer("s", CHANGELOG, () -> restoreConsumer, () -> {
            throw new AssertionError("a restore needs no admin client");
        }, Duration.ofSeconds(10), writer, () -> false);
    }

    private void claim(String owner) {
        add("in/0/~claim/" + owner, owner, null);
    }

    private void change(String storeAndKey, String value, String owner) {
        add("in/0/" + storeAndKey, value, owner);
    }

    private void add(String key, String value, String owner) {
        RecordHeaders headers = new RecordHeaders();
        if (owner != null) {
            headers.add(new RecordHeader(ChangelogKeys.OWNER_HEADER, owner.getBytes(StandardCharsets.UTF_8)));
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        changelog.add(new ConsumerRecord<>(CHANGELOG, 0, changelog.size(), 0L, TimestampType.CREATE_TIME,
                keyBytes.length, valueBytes.length, keyBytes, valueBytes, headers, Optional.empty()));
    }

    private static String describe(StateChange change) {
        return change.store() + "/" + change.key() + "=" + new String(change.value(), StandardCharsets.UTF_8);
    }
}
