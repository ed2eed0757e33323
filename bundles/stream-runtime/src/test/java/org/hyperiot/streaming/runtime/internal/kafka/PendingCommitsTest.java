package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingCommitsTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);

    private final PendingCommits pending = new PendingCommits();
    private final LatencyHistogram latency = new LatencyHistogram();

    @Test
    void aCommitIsReleasedOnlyOnceItsWritesAndEveryEarlierCommitsWritesWereAcknowledged() {
        Callback first = pending.track();
        pending.seal(Map.of(P0, new OffsetAndMetadata(10)), new long[] {1_000}, 1);
        Callback second = pending.track();
        pending.seal(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(5)), new long[] {1_010}, 1);

        second.onCompletion(null, null);
        assertThat(pending.oldestAcknowledged()).isFalse();
        assertThat(pending.release(latency, 1_100)).isEmpty();

        first.onCompletion(null, null);
        assertThat(pending.oldestAcknowledged()).isTrue();
        assertThat(pending.release(latency, 1_100))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(5)));
        assertThat(pending.isEmpty()).isTrue();
        assertThat(latency.quantile(1.0)).isEqualTo(100.0);
    }

    @Test
    void aCommitWithoutWritesIsReleasedAtOnceButNotBeforeTheOnesSealedEarlier() {
        Callback first = pending.track();
        pending.seal(Map.of(P0, new OffsetAndMetadata(3)), new long[0], 0);
        pending.seal(Map.of(P1, new OffsetAndMetadata(4)), new long[0], 0);

        assertThat(pending.release(latency, 0)).isEmpty();
        first.onCompletion(null, null);
        assertThat(pending.release(latency, 0)).containsOnlyKeys(P0, P1);
    }

    @Test
    void aFailedWriteForbidsReleasingAnythingEvenFromACommitStillOpen() {
        pending.seal(Map.of(P0, new OffsetAndMetadata(3)), new long[0], 0);
        pending.track().onCompletion(null, new TimeoutException("no leader"));

        assertThat(pending.oldestAcknowledged()).isTrue();
        assertThatThrownBy(() -> pending.release(latency, 0)).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void openWritesAreThoseCountedSinceTheLastSealAndNotYetAcknowledged() {
        assertThat(pending.hasOpenWrites()).isFalse();
        Callback write = pending.track();
        assertThat(pending.hasOpenWrites()).isTrue();
        pending.seal(Map.of(), new long[0], 0);
        assertThat(pending.hasOpenWrites()).isFalse();
        write.onCompletion(null, null);
        assertThat(pending.release(latency, 0)).isEmpty();
        assertThat(pending.isEmpty()).isTrue();
    }
}
