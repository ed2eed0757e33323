package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class CommittedPositionsTest {

    private static final String GROUP = "hyperiot-stream-s";
    private static final TopicPartition SOURCE = new TopicPartition("in", 1);
    private static final TopicPartition OFFSETS = GroupOffsetsPartition.of(GROUP, 50);

    private final RecordingTransactionAdmin admin = new RecordingTransactionAdmin();
    /** Milliseconds; a timed-out request for a position moves it by the request's wait. */
    private final AtomicLong now = new AtomicLong(1_000);
    private final StalledConsumer consumer = new StalledConsumer();

    @Test
    void aTransactionHangingInTheGroupsOffsetsPartitionIsAbortedAndThePositionThenFound() {
        admin.open.put(OFFSETS, List.of(RecordingTransactionAdmin.openSince(7, 3, 1_000)));
        consumer.stableOnceNothingIsOpenOn(OFFSETS);

        assertThat(positions(Duration.ofSeconds(10), () -> false).position(SOURCE)).isEqualTo(42);

        assertThat(admin.aborts).containsExactly(OFFSETS + " 7/3");
        assertThat(consumer.steps).isGreaterThan(1);
    }

    @Test
    void aTransactionItsCoordinatorStillRunsIsLeftAloneAndTheWaitEndsAtTheTimeout() {
        admin.open.put(OFFSETS, List.of(RecordingTransactionAdmin.openSince(7, 3, 1_000)));
        admin.running(7, 3, OFFSETS, new TopicPartition("out", 0));
        consumer.stableOnceNothingIsOpenOn(OFFSETS);

        assertThatThrownBy(() -> positions(Duration.ofMillis(300), () -> false).position(SOURCE))
                .isInstanceOf(TimeoutException.class);

        assertThat(admin.aborts).isEmpty();
        assertThat(admin.described).isGreaterThan(1);
    }

    @Test
    void aPrincipalDeniedTheOffsetsTopicStopsLookingAndWaitsAsBefore() {
        admin.failure = new KafkaException("denied", new TopicAuthorizationException(Set.of("__consumer_offsets")));
        consumer.stableAfterSteps(4);

        assertThat(positions(Duration.ofSeconds(10), () -> false).position(SOURCE)).isEqualTo(42);

        assertThat(admin.described).isEqualTo(1);
    }

    @Test
    void anUnreachableKafkaIsAskedAgainAtTheNextStep() {
        admin.failure = new TimeoutException("Kafka did not answer within 30000 ms");
        consumer.stableAfterSteps(4);

        assertThat(positions(Duration.ofSeconds(10), () -> false).position(SOURCE)).isEqualTo(42);

        assertThat(admin.described).isEqualTo(4);
    }

    @Test
    void aWorkerToldToStopStopsWaiting() {
        consumer.stableAfterSteps(Integer.MAX_VALUE);

        assertThatThrownBy(() -> positions(Duration.ofSeconds(10), () -> true).position(SOURCE))
                .isInstanceOf(IllegalStateException.class).hasMessage("stopped");
        assertThat(consumer.steps).isEqualTo(1);
    }

    @Test
    void aStablePositionIsAnsweredAtOnce() {
        consumer.stableAfterSteps(0);

        assertThat(positions(Duration.ofSeconds(10), () -> false).position(SOURCE)).isEqualTo(42);

        assertThat(admin.described).isZero();
    }

    private CommittedPositions positions(Duration timeout, BooleanSupplier mustEnd) {
        HangingTransactionSweep sweep = new HangingTransactionSweep("Stream s", () -> admin, 0, now::get);
        Runnable stopCheck = () -> {
            if (mustEnd.getAsBoolean()) {
                throw new IllegalStateException("stopped");
            }
        };
        return new CommittedPositions("Stream s", consumer, GROUP, sweep, stopCheck, Duration.ofMillis(1), timeout,
                now::get);
    }

    /**
     * A consumer whose committed offsets stay unstable: each position request times out until a
     * condition holds. Each timed-out request moves the clock by its wait, as the real one waits its step.
     */
    private final class StalledConsumer extends MockConsumer<byte[], byte[]> {

        private BooleanSupplier stable = () -> true;
        int steps;

        StalledConsumer() {
            super("earliest");
            List<PartitionInfo> offsets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                offsets.add(new PartitionInfo(GroupOffsetsPartition.TOPIC, i, null, null, null));
            }
            updatePartitions(GroupOffsetsPartition.TOPIC, offsets);
        }

        void stableOnceNothingIsOpenOn(TopicPartition partition) {
            stable = () -> !admin.open.containsKey(partition);
        }

        void stableAfterSteps(int count) {
            stable = () -> steps > count;
        }

        @Override
        public synchronized long position(TopicPartition partition, Duration timeout) {
            steps++;
            if (stable.getAsBoolean()) {
                return 42;
            }
            now.addAndGet(timeout.toMillis());
            throw new TimeoutException("Timeout of " + timeout.toMillis() + "ms expired before the position for partition "
                    + partition + " could be determined");
        }
    }
}
