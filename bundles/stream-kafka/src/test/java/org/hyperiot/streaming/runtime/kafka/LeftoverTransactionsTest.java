package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LeftoverTransactionsTest {

    private static final TopicPartition OUT = new TopicPartition("out", 0);
    private static final TopicPartition CHANGELOG = new TopicPartition("hyperiot-stream-s-changelog", 1);
    private static final String ID = "hyperiot-stream-s-storm-in-1";

    private final RecordingAdmin admin = new RecordingAdmin();

    @Test
    void abortsTheTransactionsOfItsOwnProducerIdOnlyWhereverTheyAreOpen() {
        admin.producerIds.put(ID, 8L);
        admin.open.put(OUT, List.of(open(8, 31, 1373), open(12, 4, 1380)));
        admin.open.put(CHANGELOG, List.of(open(8, 31, 90)));

        int aborted = LeftoverTransactions.abort(admin, "s", ID, List.of(OUT, CHANGELOG));

        assertThat(aborted).isEqualTo(2);
        assertThat(admin.aborts).containsExactlyInAnyOrder("out-0 8/31", "hyperiot-stream-s-changelog-1 8/31");
    }

    @Test
    void anIdItsCoordinatorDoesNotKnowLeftNothing() {
        admin.open.put(OUT, List.of(open(8, 31, 1373)));

        assertThat(LeftoverTransactions.abort(admin, "s", ID, List.of(OUT))).isZero();
        assertThat(admin.aborts).isEmpty();
    }

    @Test
    void noPartitionsNoRequest() {
        assertThat(LeftoverTransactions.abort(admin, "s", ID, List.of())).isZero();
        assertThat(admin.asked).isZero();
    }

    private static ProducerState open(long producerId, int epoch, long since) {
        return new ProducerState(producerId, epoch, 3, 0L, OptionalInt.of(0), OptionalLong.of(since));
    }

    private static final class RecordingAdmin implements ChangelogAdmin {

        final Map<String, Long> producerIds = new HashMap<>();
        final Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
        final List<String> aborts = new ArrayList<>();
        int asked;

        @Override
        public OptionalLong producerId(String transactionalId) {
            asked++;
            Long id = producerIds.get(transactionalId);
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }

        @Override
        public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
            Map<TopicPartition, List<ProducerState>> found = new HashMap<>();
            partitions.forEach(partition -> {
                if (open.containsKey(partition)) {
                    found.put(partition, open.get(partition));
                }
            });
            return found;
        }

        @Override
        public void abort(TopicPartition partition, ProducerState producer) {
            aborts.add(partition + " " + producer.producerId() + "/" + producer.producerEpoch());
        }

        @Override
        public int partitionCount(String topic) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void widen(String topic, int partitions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
