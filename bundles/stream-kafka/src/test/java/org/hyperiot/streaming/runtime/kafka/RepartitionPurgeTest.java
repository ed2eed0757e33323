package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.KafkaUnavailableException;
import org.junit.jupiter.api.Test;

/** Consumed repartition records are deleted at most every interval, and only when the commit moved. */
class RepartitionPurgeTest {

    private static final TopicPartition R0 = new TopicPartition("hyperiot-stream-s-repartition", 0);
    private static final TopicPartition R1 = new TopicPartition("hyperiot-stream-s-repartition", 1);
    private static final long INTERVAL = RepartitionPurge.INTERVAL.toMillis();

    private final List<Map<TopicPartition, Long>> deletions = new ArrayList<>();
    private RuntimeException failure;
    private int adminsCreated;

    private ChangelogAdmin admin() {
        adminsCreated++;
        return (ChangelogAdmin) Proxy.newProxyInstance(ChangelogAdmin.class.getClassLoader(),
                new Class<?>[] {ChangelogAdmin.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("deleteRecordsBefore")) {
                        if (failure != null) {
                            throw failure;
                        }
                        @SuppressWarnings("unchecked")
                        Map<TopicPartition, Long> offsets = (Map<TopicPartition, Long>) arguments[0];
                        deletions.add(Map.copyOf(offsets));
                    }
                    return null;
                });
    }

    @Test
    void deletesWhatTheCommitsLeftBehindOncePerInterval() {
        RepartitionPurge purge = new RepartitionPurge("s", this::admin, 0);

        purge.committed(Map.of(R0, 10L, R1, 0L), INTERVAL - 1);
        assertThat(deletions).isEmpty();

        purge.committed(Map.of(R0, 10L, R1, 0L), INTERVAL);
        purge.committed(Map.of(R0, 12L, R1, 3L), INTERVAL + 1);
        purge.committed(Map.of(R0, 12L, R1, 5L), 2 * INTERVAL);
        purge.committed(Map.of(R0, 12L, R1, 5L), 3 * INTERVAL);
        purge.close();

        assertThat(deletions).containsExactly(Map.of(R0, 10L), Map.of(R0, 12L, R1, 5L));
        assertThat(adminsCreated).isEqualTo(1);
    }

    @Test
    void kafkaAwayMeansTryingAgainAtTheNextInterval() {
        RepartitionPurge purge = new RepartitionPurge("s", this::admin, 0);
        failure = new KafkaUnavailableException("Kafka did not answer within 30 s", null);

        purge.committed(Map.of(R0, 10L), INTERVAL);
        failure = null;
        purge.committed(Map.of(R0, 10L), 2 * INTERVAL);

        assertThat(deletions).containsExactly(Map.of(R0, 10L));
    }
}
