package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.clients.admin.ProducerState;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {

    private final HangingTransactions watch = new HangingTransactions(Duration.ofSeconds(30));

    @Test
    void aTransactionOpenFromTheSameOffsetForLongerThanThePatienceIsHanging() {
        ProducerState stuck = open(7, 779);

        assertThat(watch.hanging(List.of(stuck), 0)).isEmpty();
        assertThat(watch.hanging(List.of(stuck), 30_000)).isEmpty();
        assertThat(watch.hanging(List.of(stuck), 30_001)).containsExactly(stuck);
    }

    @Test
    void aProducerThatMovedOnToANewTransactionStartsAfresh() {
        watch.hanging(List.of(open(7, 100)), 0);

        assertThat(watch.hanging(List.of(open(7, 180)), 25_000)).isEmpty();
        assertThat(watch.hanging(List.of(open(7, 180)), 50_000)).isEmpty();
        assertThat(watch.hanging(List.of(open(7, 180)), 55_001)).hasSize(1);
    }

    @Test
    void producersWithoutAnOpenTransactionAreIgnoredAndForgotten() {
        watch.hanging(List.of(open(7, 100)), 0);
        assertThat(watch.hanging(List.of(idle(7)), 20_000)).isEmpty();

        // Seen again from the same offset: a new sighting, whose patience starts now.
        assertThat(watch.hanging(List.of(open(7, 100)), 40_000)).isEmpty();
        assertThat(watch.hanging(List.of(open(7, 100)), 70_001)).hasSize(1);
    }

    private static ProducerState open(long producerId, long startOffset) {
        return new ProducerState(producerId, 3, 12, 0L, OptionalInt.of(1), OptionalLong.of(startOffset));
    }

    private static ProducerState idle(long producerId) {
        return new ProducerState(producerId, 3, 12, 0L, OptionalInt.empty(), OptionalLong.empty());
    }
}
