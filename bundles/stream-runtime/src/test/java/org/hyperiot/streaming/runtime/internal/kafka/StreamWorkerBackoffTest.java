package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.ProtocolFixtures;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamTopics;
import org.junit.jupiter.api.Test;

/**
 * The wait between a worker's attempts grows while Kafka keeps failing, and starts again from its
 * first step once an attempt has committed: a wait grown during a broker restart must not delay the
 * worker's next failover, minutes later, by up to {@code max.retry.backoff.ms}.
 */
class StreamWorkerBackoffTest {

    private static final String PROJECTION = """
            {"name":"s","guarantee":"at-least-once","source":{"topics":["in"]},
             "pipeline":[{"op":"project","fields":["t"]}],"sink":{"topic":"out"}}""";

    @Test
    void anAttemptThatCommittedResetsTheWait() {
        StreamDefinition definition = new StreamDefinitionReader().read(PROJECTION);
        WorkerHarness.TestClock clock = new WorkerHarness.TestClock();
        AtomicInteger attempts = new AtomicInteger();
        AtomicLong failedAt = new AtomicLong();
        AtomicLong nextAttemptAt = new AtomicLong();
        ProtocolFixtures committing = new ProtocolFixtures();
        StreamWorker[] worker = new StreamWorker[1];
        StreamClients clients = new StreamClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                switch (attempts.incrementAndGet()) {
                    case 1, 2 -> throw new KafkaException("the broker is restarting");
                    case 3 -> {
                        return committing.producer;
                    }
                    default -> {
                        nextAttemptAt.set(System.nanoTime());
                        worker[0].stop();
                        throw new KafkaException("enough");
                    }
                }
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                ProtocolFixtures.RecordingConsumer consumer = committing.consumer;
                consumer.updateBeginningOffsets(Map.of(WorkerHarness.IN, 0L));
                consumer.schedulePollTask(() -> consumer.rebalance(List.of(WorkerHarness.IN)));
                consumer.schedulePollTask(() -> {
                    byte[] value = "{\"t\":1}".getBytes(StandardCharsets.UTF_8);
                    consumer.addRecord(new ConsumerRecord<>("in", 0, 0, clock.millis(), TimestampType.CREATE_TIME, 0,
                            value.length, null, value, new RecordHeaders(), Optional.empty()));
                });
                consumer.schedulePollTask(() -> clock.advance(Duration.ofMillis(200)));
                // Kafka acknowledges the output; the offsets go to the group at the next turn of the loop.
                consumer.schedulePollTask(committing.producer::flush);
                consumer.schedulePollTask(() -> { });
                consumer.schedulePollTask(() -> {
                    failedAt.set(System.nanoTime());
                    throw new KafkaException("the group coordinator moved");
                });
                return consumer;
            }

            @Override
            public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
                throw new UnsupportedOperationException("a stateless stream needs none");
            }

            @Override
            public StreamTopics streamTopics() {
                throw new UnsupportedOperationException("workers never ask for topics");
            }
        };
        worker[0] = new StreamWorker(definition, StreamLayout.direct(Map.of("in", 1)), clients, new WorkerHarness(PROJECTION).catalog(),
                new WorkerSettings("1", Duration.ofSeconds(10), Duration.ofSeconds(10), 500, Duration.ofSeconds(30)),
                0, clock);

        worker[0].run();

        assertThat(committing.events).contains("commitAsync in-0=1");
        assertThat(attempts).hasValue(4);
        // Two failures grew the wait to 4 s; the attempt that committed brought it back to 1 s.
        assertThat(Duration.ofNanos(nextAttemptAt.get() - failedAt.get())).isBetween(Duration.ofMillis(900),
                Duration.ofMillis(2500));
    }
}
