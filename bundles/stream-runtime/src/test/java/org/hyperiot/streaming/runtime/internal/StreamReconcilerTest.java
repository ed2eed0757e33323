package org.hyperiot.streaming.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.runtime.internal.Definitions.stored;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.runtime.internal.store.InMemoryDefinitionStore;
import org.hyperiot.streaming.runtime.internal.store.InMemoryStatusStore;
import org.hyperiot.streaming.runtime.internal.store.StoredStream;
import org.hyperiot.streaming.runtime.internal.store.StoredStream.Desired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against in-memory stores and a fake engine. The in-memory definitions store calls
 * the reconciler as each write returns, and {@code awaitIdle} waits until the reconciler thread has
 * done what was asked before it, so no test waits for time to pass.
 */
class StreamReconcilerTest {

    private static final String NODE = "node-1";
    /** Long enough that the periodic report never runs during a test. */
    private static final Duration REPORT_INTERVAL = Duration.ofHours(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InMemoryDefinitionStore definitions = new InMemoryDefinitionStore();
    private final InMemoryStatusStore statuses = new InMemoryStatusStore();
    private final FakeEngine kafka = new FakeEngine(NODE);
    private final AtomicReference<Optional<String>> notReady = new AtomicReference<>(Optional.empty());
    private final StreamReconciler reconciler = new StreamReconciler(NODE, definitions, statuses, REPORT_INTERVAL, 100,
            Clock.systemUTC(), notReady::get);

    @AfterEach
    void close() {
        reconciler.close();
    }

    @Test
    void whileTheNodeIsNotReadyNoStreamStartsAndOnceReadyTheHeldBackOnesDo() throws Exception {
        notReady.set(Optional.of("topic defs has cleanup.policy=delete"));
        AtomicInteger readinessAsked = new AtomicInteger();
        try (StreamReconciler reporting = new StreamReconciler(NODE, definitions, statuses, Duration.ofMillis(20),
                100, Clock.systemUTC(), () -> {
                    readinessAsked.incrementAndGet();
                    return notReady.get();
                })) {
            reporting.addEngine("kafka", kafka);
            reporting.start();
            definitions.put(stored("s", Desired.RUNNING, 0), TIMEOUT);
            reporting.awaitIdle(TIMEOUT);
            // The held-back stream is reconsidered at every report interval: several pass, nothing may start.
            int asked = readinessAsked.get();
            Await.until("five report intervals", TIMEOUT, () -> readinessAsked.get() >= asked + 5);
            assertThat(kafka.calls()).isEmpty();

            notReady.set(Optional.empty());

            Await.until("stream s running", TIMEOUT, () -> kafka.runs("s"));
            assertThat(kafka.calls()).containsExactly("run s");
        }
    }

    @Test
    void aStreamRunningWhenTheNodeStopsBeingReadyKeepsRunningAndCanStillBeStopped() throws Exception {
        startWith(kafka);
        put(stored("s", Desired.RUNNING, 0));

        notReady.set(Optional.of("topic defs has cleanup.policy=delete"));
        put(stored("s", Desired.RUNNING, 1));
        assertThat(kafka.calls()).containsExactly("run s");
        assertThat(kafka.runs("s")).isTrue();

        put(stored("s", Desired.STOPPED, 1));
        assertThat(kafka.calls()).containsExactly("run s", "halt s");
    }

    @Test
    void aStreamStoredRunningRunsOnItsEngineAndIsReported() throws Exception {
        startWith(kafka);

        put(stored("s", Desired.RUNNING, 0));

        assertThat(kafka.calls()).containsExactly("run s");
        assertThat(statuses.reports("s", 0)).singleElement().satisfies(report -> {
            assertThat(report.node()).isEqualTo(NODE);
            assertThat(report.tasks()).extracting(task -> task.state()).containsExactly(StreamState.RUNNING);
        });
    }

    @Test
    void aStreamStoredCreatedOrStoppedDoesNotRun() throws Exception {
        startWith(kafka);

        put(stored("created", Desired.CREATED, 0));
        put(stored("stopped", Desired.STOPPED, 0));

        assertThat(kafka.calls()).isEmpty();
    }

    @Test
    void aNewGenerationHaltsTheStreamThenRunsItAgain() throws Exception {
        startWith(kafka);
        put(stored("s", Desired.RUNNING, 0));

        put(stored("s", Desired.RUNNING, 1));

        assertThat(kafka.calls()).containsExactly("run s", "halt s", "run s");
    }

    @Test
    void theSameGenerationWrittenAgainDoesNotHaltTheStream() throws Exception {
        startWith(kafka);
        put(stored("s", Desired.RUNNING, 3));

        put(stored("s", Desired.RUNNING, 3));

        assertThat(kafka.calls()).containsExactly("run s", "run s");
        assertThat(kafka.runs("s")).isTrue();
    }

    @Test
    void aStoppedStreamIsHaltedAndItsReportCleared() throws Exception {
        startWith(kafka);
        put(stored("s", Desired.RUNNING, 0));
        assertThat(statuses.reports("s", 0)).isNotEmpty();

        put(stored("s", Desired.STOPPED, 0));

        assertThat(kafka.calls()).containsExactly("run s", "halt s");
        assertThat(statuses.reports("s", 0)).isEmpty();
    }

    @Test
    void aDeletedStreamIsHaltedAndItsReportCleared() throws Exception {
        startWith(kafka);
        put(stored("s", Desired.RUNNING, 0));

        definitions.delete("s", TIMEOUT);
        reconciler.awaitIdle(TIMEOUT);

        assertThat(kafka.calls()).containsExactly("run s", "halt s");
        assertThat(statuses.reports("s", 0)).isEmpty();
    }

    @Test
    void anEngineArrivingLaterRunsTheStreamsStoredBefore() throws Exception {
        reconciler.start();
        put(stored("s", Desired.RUNNING, 0));
        definitions.put(new StoredStream(Definitions.stream("on-storm", "storm"), Desired.RUNNING, 0, 0), TIMEOUT);
        reconciler.awaitIdle(TIMEOUT);
        assertThat(kafka.calls()).isEmpty();

        reconciler.addEngine("kafka", kafka);
        reconciler.awaitIdle(TIMEOUT);

        assertThat(kafka.calls()).containsExactly("run s");
    }

    @Test
    void streamsStoredBeforeTheReconcilerStartsRunWhenItStarts() throws Exception {
        definitions.put(stored("s", Desired.RUNNING, 0), TIMEOUT);
        reconciler.addEngine("kafka", kafka);

        reconciler.start();
        reconciler.awaitIdle(TIMEOUT);

        assertThat(kafka.runs("s")).isTrue();
    }

    @Test
    void anUpdateThatMovesAStreamToAnotherEngineHaltsItOnTheFirst() throws Exception {
        FakeEngine storm = new FakeEngine(NODE);
        reconciler.addEngine("storm", storm);
        startWith(kafka);
        put(stored("s", Desired.RUNNING, 0));

        put(new StoredStream(Definitions.stream("s", "storm"), Desired.RUNNING, 0, 0));

        assertThat(kafka.calls()).containsExactly("run s", "halt s");
        assertThat(storm.calls()).containsExactly("run s");
    }

    @Test
    void anEngineThatThrowsForOneStreamDoesNotStopTheOthers() throws Exception {
        kafka.breakOn("broken");
        startWith(kafka);

        put(stored("broken", Desired.RUNNING, 0));
        put(stored("healthy", Desired.RUNNING, 0));

        assertThat(kafka.runs("healthy")).isTrue();
        assertThat(kafka.runs("broken")).isFalse();
        // The reconciler thread is still alive for later changes.
        put(stored("healthy", Desired.STOPPED, 0));
        assertThat(kafka.runs("healthy")).isFalse();
    }

    @Test
    void anEngineThatThrowsForOneStreamDoesNotKeepTheOthersFromStartingWhenItArrives() throws Exception {
        kafka.breakOn("a");
        definitions.put(stored("a", Desired.RUNNING, 0), TIMEOUT);
        definitions.put(stored("b", Desired.RUNNING, 0), TIMEOUT);
        definitions.put(stored("c", Desired.RUNNING, 0), TIMEOUT);
        reconciler.start();
        reconciler.awaitIdle(TIMEOUT);

        reconciler.addEngine("kafka", kafka);
        reconciler.awaitIdle(TIMEOUT);

        assertThat(kafka.runs("b")).isTrue();
        assertThat(kafka.runs("c")).isTrue();
    }

    @Test
    void aNodeRunsAtMostMaxStreamsTheFirstByNameAndReportsWhyItHoldsBackTheOthers() throws Exception {
        try (StreamReconciler capped = new StreamReconciler(NODE, definitions, statuses, REPORT_INTERVAL, 2,
                Clock.systemUTC(), notReady::get)) {
            capped.addEngine("kafka", kafka);
            capped.start();
            for (String name : List.of("c", "a", "b")) {
                definitions.put(stored(name, Desired.RUNNING, 0), TIMEOUT);
            }
            capped.awaitIdle(TIMEOUT);

            assertThat(List.of("a", "b", "c")).filteredOn(kafka::runs).containsExactly("a", "b");
            assertThat(statuses.reports("c", 0)).singleElement().satisfies(report ->
                    assertThat(report.tasks()).singleElement().satisfies(task -> {
                        assertThat(task.task()).isEqualTo(NodeReportAggregator.HELD_BACK_TASK);
                        assertThat(task.state()).isEqualTo(StreamState.WAITING);
                        assertThat(task.lastError()).contains("max.streams").contains("at most 2 streams");
                    }));

            // A stream stopping makes room for the next one by name.
            definitions.put(stored("a", Desired.STOPPED, 0), TIMEOUT);
            capped.awaitIdle(TIMEOUT);

            assertThat(List.of("a", "b", "c")).filteredOn(kafka::runs).containsExactly("b", "c");
            assertThat(statuses.reports("c", 0)).singleElement().satisfies(report ->
                    assertThat(report.tasks()).extracting(TaskStatus::state).containsExactly(StreamState.RUNNING));

            // One earlier by name starting pushes the last one out again.
            definitions.put(stored("a", Desired.RUNNING, 0), TIMEOUT);
            capped.awaitIdle(TIMEOUT);

            assertThat(List.of("a", "b", "c")).filteredOn(kafka::runs).containsExactly("a", "b");
            assertThat(kafka.calls()).endsWith("halt c");
            assertThat(statuses.reports("c", 0)).singleElement().satisfies(report ->
                    assertThat(report.tasks()).extracting(TaskStatus::task)
                            .containsExactly(NodeReportAggregator.HELD_BACK_TASK));
        }
    }

    /**
     * Adds the engine and starts the reconciler, then waits until the engine's arrival is handled:
     * otherwise it might see a stream the test stores next and run it once more (harmlessly).
     */
    private void startWith(FakeEngine engine) throws Exception {
        reconciler.addEngine("kafka", engine);
        reconciler.start();
        reconciler.awaitIdle(TIMEOUT);
    }

    /** Stores {@code stream} and waits until the reconciler has applied it. */
    private void put(StoredStream stream) throws Exception {
        definitions.put(stream, TIMEOUT);
        reconciler.awaitIdle(TIMEOUT);
    }
}
