package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.runtime.internal.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StreamWorkerTest {

    private static final String FILTER = """
            {"name":"s","guarantee":"%s","source":{"topics":["in"]},
             "pipeline":[{"op":"filter","where":{"field":"t","gt":0}}],"sink":{"topic":"out"}}""";

    private static final String PROCESSING_TIME_WINDOW = """
            {"name":"s","guarantee":"exactly-once","mode":"%s","source":{"topics":["in"],"eventTime":"processing"},
             %s
             "pipeline":[{"op":"window","type":"tumbling","size":"1s","aggregate":[{"fn":"count","as":"n"}]}],
             "sink":{"topic":"out"}}""";

    @Test
    void aStopWhileBusyCommitsEverythingProcessed() {
        WorkerHarness harness = new WorkerHarness(FILTER.formatted("at-least-once"));
        // The stop comes from another thread while the worker processes, after its last poll returned.
        harness.assign().records("{\"t\":1}", "{\"t\":2}", "{\"t\":3}").stop();

        harness.worker.run();

        assertThat(harness.kafka.events).contains("commit in-0=3");
        assertThat(harness.kafka.producer.sentValues("out")).hasSize(3);
        assertThat(harness.worker.state()).isEqualTo(StreamState.STOPPED);
        assertThat(harness.worker.lastError()).isNull();
    }

    @Test
    void atLeastOnceCommitsThePartitionsLastOffsetsOnceAcknowledgedWithoutStoppingOrMoreInput() {
        WorkerHarness harness = new WorkerHarness(FILTER.formatted("at-least-once"));
        AtomicReference<OffsetAndMetadata> beforeAcknowledged = new AtomicReference<>();
        AtomicReference<OffsetAndMetadata> afterAcknowledged = new AtomicReference<>();
        AtomicReference<List<String>> eventsBeforeStop = new AtomicReference<>();
        harness.assign().records("{\"t\":1}", "{\"t\":2}", "{\"t\":3}")
                .advance(Duration.ofMillis(200)).then(() -> { })
                .then(() -> beforeAcknowledged.set(harness.committed()))
                // Kafka acknowledges the outputs; no record comes any more.
                .then(() -> harness.kafka.producer.flush())
                .then(() -> { }).then(() -> { })
                .then(() -> afterAcknowledged.set(harness.committed()))
                .then(() -> eventsBeforeStop.set(List.copyOf(harness.kafka.events)))
                .stop();

        harness.worker.run();

        assertThat(beforeAcknowledged.get()).isNull();
        assertThat(afterAcknowledged.get()).isEqualTo(new OffsetAndMetadata(3));
        // The poll loop never waited for the producer: the only flush is the test's own.
        assertThat(eventsBeforeStop.get()).containsOnlyOnce("flush").contains("commitAsync in-0=3");
    }

    @Test
    void atLeastOnceWithWindowsCommitsCompletelyAtEveryIntervalSoItsChangelogNeverRunsAheadOfItsOffsets() {
        WorkerHarness harness = new WorkerHarness("""
                {"name":"s","guarantee":"at-least-once","source":{"topics":["in"]},
                 "pipeline":[{"op":"window","type":"tumbling","size":"1m","aggregate":[{"fn":"count","as":"n"}]}],
                 "sink":{"topic":"out"}}""");
        AtomicReference<List<String>> eventsBeforeStop = new AtomicReference<>();
        harness.assign().records("{}", "{}")
                .advance(Duration.ofMillis(200)).then(() -> { })
                .then(() -> eventsBeforeStop.set(List.copyOf(harness.kafka.events)))
                .stop();

        harness.worker.run();

        // (The first flush is the task's claim of its changelog partition, before it restores.)
        assertThat(eventsBeforeStop.get()).filteredOn(event -> !event.startsWith("send"))
                .endsWith("flush", "commit in-0=2").noneMatch(event -> event.startsWith("commitAsync"));
        assertThat(eventsBeforeStop.get()).anyMatch(event -> event.startsWith("send hyperiot-stream-s-changelog"));
    }

    @Test
    void aWindowFiredByTheClockIsCommittedInATransactionTheGroupCanFence() {
        WorkerHarness harness = new WorkerHarness(PROCESSING_TIME_WINDOW.formatted("native", ""));
        harness.assign().records("{}", "{}")
                .advance(Duration.ofMillis(200)).then(() -> { })
                // No input any more: only the clock closes the window.
                .advance(Duration.ofSeconds(2)).then(() -> { }).then(() -> { })
                .advance(Duration.ofMillis(200)).then(() -> { }).stop();

        harness.worker.run();

        assertThat(harness.kafka.producer.sentValues("out")).singleElement().asString().contains("\"n\":2");
        assertThat(harness.worker.commits()).isGreaterThanOrEqualTo(2);
        // Every committed transaction carried the group's offsets, the last ones included.
        assertThat(harness.kafka.producer.consumerGroupOffsetsHistory()).hasSize((int) harness.worker.commits());
    }

    @Test
    void anAtMostOnceWindowFiredByTheClockIsSentOnlyOnceTheGroupConfirmedItsStateWasWrittenByTheOwner() {
        WorkerHarness harness = new WorkerHarness(PROCESSING_TIME_WINDOW.replace("exactly-once", "at-most-once")
                .formatted("native", ""));
        harness.assign().records("{}", "{}")
                .advance(Duration.ofMillis(200)).then(() -> { })
                // No input any more: the commit that publishes the window has no progress to commit.
                .advance(Duration.ofSeconds(2)).then(() -> { }).then(() -> { })
                .advance(Duration.ofMillis(200)).then(() -> { }).stop();

        harness.worker.run();

        assertThat(harness.kafka.producer.sentValues("out")).singleElement().asString().contains("\"n\":2");
        List<String> events = harness.kafka.events;
        int published = events.indexOf(events.stream().filter(e -> e.startsWith("send out")).findFirst().orElseThrow());
        // Its offsets commit again after the state is written, so that a node that lost the partition meanwhile
        // (paused past its session timeout) is refused instead of publishing a window the next owner restored open.
        List<String> steps = new ArrayList<>();
        for (String event : events.subList(0, published)) {
            String step = event.startsWith("send hyperiot-stream-s-changelog") ? "state changes" : event;
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
                steps.add(step);
            }
        }
        assertThat(steps).as("%s", events).endsWith("commit in-0=2", "state changes", "flush", "commit in-0=2");
    }

    @Test
    void inMicroBatchModeOutputsOfTheClockDoNotLeaveATransactionOpen() {
        WorkerHarness harness = new WorkerHarness(PROCESSING_TIME_WINDOW.formatted("micro-batch",
                "\"batch\":{\"interval\":\"500ms\",\"maxRecords\":1000},"));
        AtomicBoolean committedBeforeStop = new AtomicBoolean();
        harness.assign().records("{}", "{}")
                .advance(Duration.ofMillis(600)).then(() -> { })
                .advance(Duration.ofSeconds(2)).then(() -> { })
                .advance(Duration.ofMillis(600)).then(() -> { }).then(() -> { })
                .then(() -> committedBeforeStop.set(!harness.kafka.producer.transactionInFlight()
                        && harness.kafka.producer.sentValues("out").size() == 1))
                .stop();

        harness.worker.run();

        assertThat(committedBeforeStop).isTrue();
    }

    @Test
    void exactlyOnceCommitsWithinTheTransactionTimeoutWhateverTheCommitIntervalSays() {
        WorkerHarness harness = new WorkerHarness("""
                {"name":"s","guarantee":"exactly-once","commitInterval":"15m","source":{"topics":["in"]},
                 "pipeline":[],"sink":{"topic":"out"}}""", Duration.ofSeconds(10));
        AtomicBoolean committedInTime = new AtomicBoolean();
        harness.assign().records("{}").advance(Duration.ofSeconds(6)).then(() -> { })
                .then(() -> committedInTime.set(harness.kafka.producer.sentValues("out").size() == 1))
                .stop();

        harness.worker.run();

        assertThat(committedInTime).isTrue();
    }

    @Test
    void aWaitingStreamWaitsBetweenChecksEvenAfterASuspend() throws InterruptedException {
        WorkerHarness harness = new WorkerHarness("""
                {"name":"s","source":{"topics":["in"]},"pipeline":[{"op":"processor","name":"gone"}],
                 "sink":{"topic":"out"}}""");
        harness.assign();
        Thread thread = new Thread(harness.worker);
        thread.start();
        try {
            Await.until("the worker waiting", Duration.ofSeconds(10), () -> harness.worker.state() == StreamState.WAITING);
            // What a processor bundle going away does; the latch of old never waited again after it.
            harness.worker.suspend();
            int afterSuspend = harness.catalog.missingChecks();
            Await.until("two more checks", Duration.ofSeconds(10), () -> harness.catalog.missingChecks() >= afterSuspend + 2);

            // Checks are 500 ms apart: a worker that spins makes thousands in this window.
            int before = harness.catalog.missingChecks();
            Thread.sleep(1_500);
            assertThat(harness.catalog.missingChecks() - before).isLessThanOrEqualTo(5);
        } finally {
            harness.worker.stop();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aRecordKafkaRefusesAsTooLargeFailsTheStreamInsteadOfRestartingForever() {
        WorkerHarness harness = new WorkerHarness("""
                {"name":"s","guarantee":"at-least-once","source":{"topics":["in"]},"pipeline":[],"sink":{"topic":"out"}}""");
        harness.assign().records("{}")
                .advance(Duration.ofSeconds(1))
                .then(() -> harness.kafka.producer.errorNext(
                        new RecordTooLargeException("The message is 2000000 bytes when serialized")))
                .then(() -> { });

        harness.worker.run();

        assertThat(harness.worker.state()).isEqualTo(StreamState.FAILED);
        assertThat(harness.worker.lastError()).contains("2000000 bytes").contains("max.message.bytes");
        assertThat(harness.attempts).hasValue(1);
    }

    @Test
    void anErrorOfTheJvmFailsTheStreamWithItsCauseInsteadOfDyingSilently() {
        WorkerHarness harness = new WorkerHarness("""
                {"name":"s","source":{"topics":["in"]},"pipeline":[{"op":"processor","name":"deep"}],
                 "sink":{"topic":"out"}}""");
        harness.processors.put("deep", (record, out) -> {
            throw new StackOverflowError("too deep");
        });
        harness.assign().records("{}");

        harness.worker.run();

        assertThat(harness.worker.state()).isEqualTo(StreamState.FAILED);
        assertThat(harness.worker.lastError()).contains("StackOverflowError").contains("too deep");
    }

}
