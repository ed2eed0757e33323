package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.kafka.support.RecordingTransactionAdmin.openSince;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionSweepTest {

    private static final TopicPartition LOG = new TopicPartition("hyperiot-saga-log", 2);
    private static final TopicPartition OUT = new TopicPartition("out", 0);

    private final RecordingTransactionAdmin admin = new RecordingTransactionAdmin();
    private final AtomicLong now = new AtomicLong(1_000);
    private final HangingTransactionSweep sweep = new HangingTransactionSweep("Saga coordinator", () -> admin, 10_000,
            now::get);

    @Test
    void aTransactionNoCoordinatorRunsIsAbortedOnceSeenOpenLongerThanThePatience() {
        admin.open.put(LOG, List.of(openSince(7, 3, 100)));

        assertThat(sweep.sweep(List.of(LOG, OUT))).containsOnlyKeys(LOG);
        now.addAndGet(10_000);
        assertThat(sweep.sweep(List.of(LOG, OUT))).containsOnlyKeys(LOG);
        assertThat(admin.aborts).isEmpty();

        now.addAndGet(1);
        assertThat(sweep.sweep(List.of(LOG, OUT))).isEmpty();
        assertThat(admin.aborts).containsExactly(LOG + " 7/3");
    }

    @Test
    void aRunningTransactionIsLeftOpenAndReturnedForTheCallerToWaitFor() {
        admin.open.put(LOG, List.of(openSince(7, 3, 100), openSince(8, 1, 120)));
        admin.running(8, 1, LOG, OUT);

        sweep.sweep(List.of(LOG));
        now.addAndGet(10_001);

        assertThat(sweep.sweep(List.of(LOG)).get(LOG)).extracting(p -> p.producerId()).containsExactly(8L);
        assertThat(admin.aborts).containsExactly(LOG + " 7/3");
    }

    @Test
    void aTransactionItsCoordinatorCommittedIsLeftOpenForTheCallerToWaitFor() {
        admin.open.put(OUT, List.of(openSince(7, 3, 100)));
        admin.coordinators.put(7L, new TransactionDescription(1, TransactionState.COMPLETE_COMMIT, 7, 4, 10_000,
                OptionalLong.of(0), Set.of()));

        sweep.sweep(List.of(OUT));
        now.addAndGet(10_001);

        assertThat(sweep.sweep(List.of(OUT))).containsOnlyKeys(OUT);
        assertThat(admin.aborts).isEmpty();
    }

    @Test
    void aTransactionWhoseMarkerLandsWhileItsCoordinatorIsAskedIsNotAborted() {
        admin.open.put(OUT, List.of(openSince(7, 3, 100)));
        sweep.sweep(List.of(OUT));
        now.addAndGet(10_001);
        // The coordinator has ended it by the time it is asked, and the marker reached the partition.
        admin.onCoordinatorView = () -> admin.open.remove(OUT);

        sweep.sweep(List.of(OUT));

        assertThat(admin.aborts).isEmpty();
    }

    @Test
    void noPartitionsNoRequest() {
        assertThat(sweep.sweep(List.of())).isEmpty();
        assertThat(admin.described).isZero();
    }
}
