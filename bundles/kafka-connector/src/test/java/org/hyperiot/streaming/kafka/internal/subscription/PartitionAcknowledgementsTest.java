package org.hyperiot.streaming.kafka.internal.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PartitionAcknowledgementsTest {

    private final PartitionAcknowledgements partition = new PartitionAcknowledgements();

    @Test
    void nothingIsCommittableUntilTheFirstDeliveredRecordIsAcknowledged() {
        deliver(0, 1, 2, 3, 4);
        partition.acknowledge(1);
        partition.acknowledge(2);
        assertThat(partition.uncommitted()).isEmpty();

        partition.acknowledge(0);
        assertThat(partition.uncommitted()).hasValue(3);

        partition.acknowledge(4);
        assertThat(partition.uncommitted()).hasValue(3);

        partition.acknowledge(3);
        assertThat(partition.uncommitted()).hasValue(5);
    }

    @Test
    void offsetsThatWereNeverDeliveredDoNotHoldTheCommitBack() {
        deliver(10, 12, 15);
        partition.acknowledge(10);
        partition.acknowledge(12);
        assertThat(partition.uncommitted()).hasValue(13);
        partition.acknowledge(15);
        assertThat(partition.uncommitted()).hasValue(16);
    }

    @Test
    void aCommittedOffsetIsOfferedOnlyOnceAndAcknowledgementsAreIdempotent() {
        deliver(0, 1);
        partition.acknowledge(0);
        partition.committed(1);
        assertThat(partition.uncommitted()).isEmpty();

        partition.acknowledge(0);
        partition.acknowledge(7);
        assertThat(partition.uncommitted()).isEmpty();

        partition.acknowledge(1);
        assertThat(partition.uncommitted()).hasValue(2);
    }

    @Test
    void aRewindKeepsTheStateOfRecordsAlreadyKnown() {
        deliver(0, 1, 2);
        partition.acknowledge(1);
        deliver(1, 2);
        partition.acknowledge(0);
        assertThat(partition.uncommitted()).hasValue(2);
    }

    @Test
    void acknowledgementsFromManyThreadsEndAtTheLastDeliveredOffsetPlusOne() throws Exception {
        int records = 20_000;
        List<Long> offsets = new ArrayList<>();
        for (long offset = 0; offset < records; offset++) {
            partition.delivered(offset);
            offsets.add(offset);
        }
        Collections.shuffle(offsets, new Random(42));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int slice = 0; slice < 4; slice++) {
                List<Long> mine = offsets.subList(slice * records / 4, (slice + 1) * records / 4);
                done.add(CompletableFuture.runAsync(() -> mine.forEach(partition::acknowledge), threads));
            }
            CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(partition.uncommitted()).isEqualTo(OptionalLong.of(records));
        assertThat(partition.outstandingCount()).isZero();
    }

    private void deliver(long... offsets) {
        for (long offset : offsets) {
            partition.delivered(offset);
        }
    }
}
