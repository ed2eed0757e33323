package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.hyperiot.streaming.runtime.kafka.ChangelogKeys;
import org.junit.jupiter.api.Test;

/**
 * Outside transactions a worker's tasks claim their partition in the changelog before restoring it;
 * stream-kafka's {@code ChangelogRestorerTest} tests the restore itself.
 */
class ChangelogClaimTest {

    private static final String CHANGELOG = "hyperiot-stream-s-changelog";
    private static final String WINDOW = """
            {"name":"s","guarantee":"%s","source":{"topics":["in"]},
             "pipeline":[{"op":"window","type":"tumbling","size":"1s","aggregate":[{"fn":"count","as":"n"}]}],
             "sink":{"topic":"out"}}""";

    @Test
    void outsideTransactionsATaskClaimsItsPartitionBeforeItRestoresAndMarksEveryChangeItWrites() {
        WorkerHarness harness = new WorkerHarness(WINDOW.formatted("at-least-once"));
        harness.assign().records("{\"t\":1}", "{\"t\":2}").advance(Duration.ofMillis(200)).records("{\"t\":3}").stop();

        harness.worker.run();

        List<ProducerRecord<byte[], byte[]>> written = harness.kafka.producer.history().stream()
                .filter(record -> record.topic().equals(CHANGELOG)).toList();
        assertThat(written).hasSizeGreaterThan(1);
        ProducerRecord<byte[], byte[]> claim = written.get(0);
        assertThat(ChangelogKeys.isClaim(WorkerHarness.IN, claim.key())).isTrue();
        for (ProducerRecord<byte[], byte[]> change : written.subList(1, written.size())) {
            assertThat(change.headers().lastHeader(ChangelogKeys.OWNER_HEADER).value()).isEqualTo(claim.value());
        }
    }

    @Test
    void underExactlyOnceTransactionsFenceAPausedNodeSoNothingIsClaimed() {
        WorkerHarness harness = new WorkerHarness(WINDOW.formatted("exactly-once"));
        harness.assign().records("{\"t\":1}", "{\"t\":2}").advance(Duration.ofMillis(200)).records("{\"t\":3}").stop();

        harness.worker.run();

        List<ProducerRecord<byte[], byte[]>> written = harness.kafka.producer.history().stream()
                .filter(record -> record.topic().equals(CHANGELOG)).toList();
        assertThat(written).isNotEmpty().noneMatch(record -> ChangelogKeys.isClaim(WorkerHarness.IN, record.key()))
                .allMatch(record -> record.headers().lastHeader(ChangelogKeys.OWNER_HEADER) == null);
    }
}
