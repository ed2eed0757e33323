package org.hyperiot.streaming.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.runtime.internal.Definitions.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamLimitReachedException;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamsUnavailableException;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.runtime.internal.kafka.RegisteredProcessors;
import org.hyperiot.streaming.runtime.internal.store.InMemoryDefinitionStore;
import org.hyperiot.streaming.runtime.internal.store.InMemoryStatusStore;
import org.hyperiot.streaming.runtime.kafka.NodeReport;
import org.hyperiot.streaming.runtime.internal.store.StatusStore;
import org.hyperiot.streaming.runtime.internal.store.StoredStream.Desired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manager's API over in-memory stores, one fake engine, and no OSGi. */
class StreamManagerComponentTest {

    private static final String NODE = "node-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_STREAMS = 3;

    private final InMemoryDefinitionStore definitions = new InMemoryDefinitionStore();
    private final PolledStatusStore statuses = new PolledStatusStore();
    private final FakeEngine engine = new FakeEngine(NODE);
    private final Clock clock = Clock.systemUTC();
    private final StreamManagerComponent manager = new StreamManagerComponent(NODE, definitions, statuses,
            RegisteredProcessors.named(Set.of("celsius-to-kelvin"), Set.of()), Duration.ofHours(1), MAX_STREAMS, clock);
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @BeforeEach
    void addEngine() throws Exception {
        manager.addEngine(engine, Map.of(StreamEngine.ENGINE_PROPERTY, "kafka"));
        // Once handled, the engine's arrival cannot run a stream the test creates next a second time.
        awaitReconciled();
    }

    @AfterEach
    void close() {
        caller.shutdownNow();
        manager.deactivate();
    }

    @Test
    void aCreatedStreamIsStoredButDoesNotRun() throws Exception {
        manager.create(stream("s"));
        awaitReconciled();

        assertThat(manager.get("s")).isEqualTo(stream("s"));
        assertThat(manager.status("s").state()).isEqualTo(StreamState.CREATED);
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void creatingAStreamTwiceIsRefused() {
        manager.create(stream("s"));

        assertThatThrownBy(() -> manager.create(stream("s"))).isInstanceOf(StreamExistsException.class);
    }

    @Test
    void aStreamBeyondMaxStreamsIsRefusedAndTheSettingNamed() {
        for (int i = 0; i < MAX_STREAMS; i++) {
            manager.create(stream("s" + i));
        }

        assertThatThrownBy(() -> manager.create(stream("one-more")))
                .isInstanceOfSatisfying(StreamLimitReachedException.class,
                        refused -> assertThat(refused.limit()).isEqualTo(MAX_STREAMS))
                .hasMessageContaining("max.streams setting").hasMessageContaining("raise max.streams");
        assertThat(definitions.get("one-more")).isEmpty();
        assertThat(definitions.list()).hasSize(MAX_STREAMS);
    }

    @Test
    void aDeletedStreamMakesRoomForANewOne() {
        for (int i = 0; i < MAX_STREAMS; i++) {
            manager.create(stream("s" + i));
        }

        manager.delete("s0", false);
        manager.create(stream("one-more"));

        assertThat(manager.get("one-more")).isEqualTo(stream("one-more"));
    }

    @Test
    void aStreamNamingAnUnregisteredProcessorIsRefused() {
        StreamDefinition definition = new StreamDefinitionReader().read("""
                {"name":"s","source":{"topics":["in"]},
                 "pipeline":[{"op":"processor","name":"threshold-alert"}],"sink":{"topic":"out"}}""");

        assertThatThrownBy(() -> manager.create(definition)).isInstanceOf(InvalidStreamDefinitionException.class)
                .hasMessageContaining("threshold-alert");
        assertThat(definitions.get("s")).isEmpty();
    }

    @Test
    void aStreamItsEngineCannotRunIsRefusedWithTheEnginesErrors() throws Exception {
        FakeEngine picky = new FakeEngine(NODE);
        picky.refuseWith(new ValidationError("/pipeline/0", "not on this engine"));
        manager.addEngine(picky, Map.of(StreamEngine.ENGINE_PROPERTY, "storm"));
        StreamDefinition definition = new StreamDefinitionReader().read("""
                {"name":"s","engine":"storm","source":{"topics":["in"]},
                 "pipeline":[{"op":"filter","where":{"field":"t","gt":1}}],"sink":{"topic":"out"}}""");

        assertThatThrownBy(() -> manager.create(definition)).isInstanceOfSatisfying(InvalidStreamDefinitionException.class,
                e -> assertThat(e.errors()).containsExactly(new ValidationError("/pipeline/0", "not on this engine")));
        assertThat(definitions.get("s")).isEmpty();
        // The same definition on the other engine is fine.
        manager.create(new StreamDefinitionReader().read("""
                {"name":"s","engine":"kafka","source":{"topics":["in"]},
                 "pipeline":[{"op":"filter","where":{"field":"t","gt":1}}],"sink":{"topic":"out"}}"""));
        assertThat(definitions.get("s")).isPresent();
    }

    @Test
    void everyCallOnAnUnknownStreamSaysItIsNotFound() {
        List<Runnable> calls = List.of(() -> manager.get("nope"), () -> manager.status("nope"),
                () -> manager.metrics("nope"), () -> manager.start("nope"), () -> manager.stop("nope"),
                () -> manager.restart("nope"), () -> manager.delete("nope", false), () -> manager.update(stream("nope")));

        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(StreamNotFoundException.class);
        }
    }

    @Test
    void aStartedStreamRunsAndAStoppedOneHalts() throws Exception {
        create(stream("s"));

        manager.start("s");
        awaitReconciled();
        assertThat(manager.status("s").state()).isEqualTo(StreamState.RUNNING);

        manager.stop("s");
        awaitReconciled();
        assertThat(manager.status("s").state()).isEqualTo(StreamState.STOPPED);
        assertThat(engine.calls()).containsExactly("run s", "halt s");
    }

    @Test
    void restartRaisesTheGenerationSoThatTheEngineRestartsTheStream() throws Exception {
        create(stream("s"));
        manager.start("s");
        awaitReconciled();

        manager.restart("s");
        awaitReconciled();

        assertThat(definitions.get("s")).hasValueSatisfying(stored -> {
            assertThat(stored.generation()).isEqualTo(1);
            assertThat(stored.desired()).isEqualTo(Desired.RUNNING);
        });
        assertThat(engine.calls()).containsExactly("run s", "halt s", "run s");
    }

    @Test
    void deleteWithPurgeWaitsUntilNoNodeRunsTheStreamBeforePurging() throws Exception {
        create(stream("s"));
        manager.start("s");
        awaitReconciled();
        // Another node still runs a task of the stream.
        statuses.report(new NodeReport("node-2", "s", clock.millis(),
                List.of(new TaskStatus("node-2", "in-1", List.of("in-1"), StreamState.RUNNING, null)), null));

        Future<?> deleting = caller.submit(() -> manager.delete("s", true));

        // The manager keeps looking at the reports while node-2 runs the stream, and does not purge.
        assertThat(statuses.awaitReads(3, TIMEOUT)).as("the manager waits on the status reports").isTrue();
        assertThat(engine.calls()).doesNotContain("purge s");
        assertThat(deleting).isNotDone();

        statuses.clear("s", "node-2");
        deleting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(engine.calls()).containsExactly("run s", "halt s", "purge s");
        assertThat(definitions.get("s")).isEmpty();
    }

    @Test
    void deleteWithoutPurgeHaltsTheStreamAndKeepsItsState() throws Exception {
        create(stream("s"));
        manager.start("s");
        awaitReconciled();

        manager.delete("s", false);
        awaitReconciled();

        assertThat(engine.calls()).containsExactly("run s", "halt s");
        assertThat(manager.list()).isEmpty();
    }

    @Test
    void whileTheDefinitionsTopicIsUnfitEveryStreamRequestIsRefusedAtOnceWithTheReason() throws Exception {
        create(stream("s"));
        definitions.topicVerdict(unfit("defs", "Topic defs has cleanup.policy=delete: fix it."));

        List<Runnable> calls = List.of(() -> manager.create(stream("t")), manager::list, () -> manager.get("s"),
                () -> manager.status("s"), () -> manager.metrics("s"), () -> manager.start("s"),
                () -> manager.stop("s"), () -> manager.restart("s"), () -> manager.delete("s", false),
                () -> manager.update(stream("s")));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(StreamsUnavailableException.class)
                    .hasMessage("Topic defs has cleanup.policy=delete: fix it.");
        }
        assertThat(definitions.get("s")).hasValueSatisfying(stored -> assertThat(stored.desired())
                .isEqualTo(Desired.CREATED));
        // The processors registered on this node are no business of the topics.
        assertThatCode(manager::processors).doesNotThrowAnyException();
    }

    @Test
    void theRuntimeIsDownInHealthWhileATopicIsUnfitOrUncheckedAndUpOnceBothAreFit() {
        assertThat(manager.component()).isEqualTo("streamRuntime");
        ComponentHealth up = manager.health();
        assertThat(up.up()).isTrue();
        assertThat(up.error()).isNull();

        statuses.topicVerdict(unfit("status", "Topic status has cleanup.policy=delete: fix it."));
        ComponentHealth unfit = manager.health();
        assertThat(unfit.up()).isFalse();
        assertThat(unfit.error()).isEqualTo("Topic status has cleanup.policy=delete: fix it.");
        assertThat(unfit.details()).containsEntry("statusTopic", "status").containsEntry("statusTopicCheck", "unfit");

        statuses.topicVerdict(TopicVerdict.unchecked("status", Instant.now()));
        ComponentHealth unchecked = manager.health();
        assertThat(unchecked.up()).isFalse();
        assertThat(unchecked.error()).contains("status").contains("Kafka has not answered");
    }

    @Test
    void metricsComeFromTheReportsOfEveryLiveNode() {
        manager.create(stream("s"));
        statuses.report(new NodeReport("node-2", "s", clock.millis(), List.of(), new StreamMetrics(
                "s", 42, 21, 0, 0, 0, 0, 0, null, null, null, 1, List.of())));

        assertThat(manager.metrics("s").recordsIn()).isEqualTo(42);
    }

    @Test
    void theReportsOfBoltTasksCountOnlyForTheStreamsCurrentTopology() {
        manager.create(stream("s"));
        statuses.report(new NodeReport("storm-0", "s", clock.millis(), List.of(), new StreamMetrics(
                "s", 42, 21, 0, 0, 0, 0, 0, null, null, null, 1, List.of()), "stream-s-2-1700000100"));
        // The last report of a bolt task of the topology this one replaced, killed before it could clear it.
        statuses.report(new NodeReport("storm-1", "s", clock.millis(), List.of(), new StreamMetrics(
                "s", 7, 7, 0, 0, 0, 0, 0, null, null, null, 1, List.of()), "stream-s-1-1700000000"));
        engine.topology = new TopologySummary("stream-s-2-1700000100", "stream-s", TopologyStatus.ACTIVE, 5, 1, 2, 2,
                "stream:s");

        assertThat(manager.metrics("s").recordsIn()).isEqualTo(42);
        assertThat(manager.status("s").topology()).isEqualTo(engine.topology);

        // Stopped: the topology is gone, and so are its tasks' reports, though not yet aged out.
        engine.topology = null;
        assertThat(manager.metrics("s").recordsIn()).isZero();
        assertThat(manager.status("s").topology()).isNull();
    }

    private static TopicVerdict unfit(String topic, String reason) {
        return new TopicVerdict(topic, TopicVerdict.Outcome.UNFIT, reason, Instant.now());
    }

    /**
     * Creates the stream and waits until the reconciler has seen it: a reconciliation reads the
     * stream as stored when it runs, so one queued by the creation but run after a start would run
     * the stream once more (harmlessly, but the tests count calls).
     */
    private void create(StreamDefinition definition) throws Exception {
        manager.create(definition);
        awaitReconciled();
    }

    private void awaitReconciled() throws Exception {
        manager.reconciler().awaitIdle(TIMEOUT);
    }

    /** An in-memory status store that lets a test wait until someone has read the reports. */
    private static final class PolledStatusStore implements StatusStore {

        private final InMemoryStatusStore delegate = new InMemoryStatusStore();
        private final Semaphore reads = new Semaphore(0);

        boolean awaitReads(int count, Duration timeout) throws InterruptedException {
            return reads.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void report(NodeReport report) {
            delegate.report(report);
        }

        @Override
        public void clear(String stream, String node) {
            delegate.clear(stream, node);
        }

        @Override
        public List<NodeReport> reports(String stream, long since) {
            List<NodeReport> reports = delegate.reports(stream, since);
            reads.release();
            return reports;
        }

        @Override
        public TopicVerdict topicVerdict() {
            return delegate.topicVerdict();
        }

        void topicVerdict(TopicVerdict found) {
            delegate.topicVerdict(found);
        }

        @Override
        public void close() {
        }
    }
}
