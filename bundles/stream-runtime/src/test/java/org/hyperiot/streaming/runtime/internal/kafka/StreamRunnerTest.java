package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.internal.Await;
import org.hyperiot.streaming.runtime.internal.NodeReportAggregator;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.StreamTopics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How many workers a runner starts: its parallelism, clamped to the partitions of its source topics
 * and to the node's worker-thread budget. The workers run on idle mock clients; the source topics'
 * partition counts come from a fake.
 */
@Timeout(60)
class StreamRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final WorkerSettings SETTINGS = new WorkerSettings("1", Duration.ofSeconds(10),
            Duration.ofSeconds(10), 500, Duration.ofSeconds(1));

    private final FakeClients clients = new FakeClients();
    private final List<StreamRunner> runners = new ArrayList<>();

    @AfterEach
    void stopRunners() {
        runners.forEach(StreamRunner::stop);
    }

    private static String filter(String name, int parallelism, String... topics) {
        return """
                {"name":"%s","guarantee":"at-least-once","parallelism":%d,"source":{"topics":["%s"]},
                 "pipeline":[{"op":"filter","where":{"field":"t","gt":0}}],"sink":{"topic":"out"}}"""
                .formatted(name, parallelism, String.join("\",\"", topics));
    }

    private StreamRunner start(String definitionJson, WorkerThreadBudget budget) {
        StreamRunner runner = new StreamRunner(new StreamDefinitionReader().read(definitionJson), clients,
                RegisteredProcessors.named(Set.of(), Set.of()), SETTINGS, budget, Clock.systemUTC());
        runners.add(runner);
        runner.start();
        return runner;
    }

    private static void awaitStarted(StreamRunner runner) throws InterruptedException {
        assertThat(runner.awaitStarted(TIMEOUT)).as("the runner started its workers").isTrue();
    }

    @Test
    void noMoreWorkersStartThanTheSourceTopicHasPartitions() throws Exception {
        clients.partitions.put("in", 2);

        StreamRunner runner = start(filter("s", 8, "in"), new WorkerThreadBudget(256));
        awaitStarted(runner);

        assertThat(runner.workerCount()).isEqualTo(2);
        // Each worker joins the group from its own thread.
        Await.until("two group consumers", TIMEOUT, () -> clients.groupConsumers.get() >= 2);
        assertThat(clients.groupConsumers).hasValue(2);
    }

    @Test
    void thePartitionsOfEverySourceTopicCountAndParallelismStillBounds() throws Exception {
        clients.partitions.put("a", 1);
        clients.partitions.put("b", 4);

        StreamRunner wide = start(filter("wide", 8, "a", "b"), new WorkerThreadBudget(256));
        StreamRunner narrow = start(filter("narrow", 3, "a", "b"), new WorkerThreadBudget(256));
        awaitStarted(wide);
        awaitStarted(narrow);

        assertThat(wide.workerCount()).isEqualTo(5);
        assertThat(narrow.workerCount()).isEqualTo(3);
    }

    @Test
    void aWindowedStreamGetsAChangelogAsWideAsItsWidestSourceTopic() throws Exception {
        clients.partitions.put("a", 1);
        clients.partitions.put("b", 4);

        StreamRunner runner = start("""
                {"name":"w","guarantee":"at-least-once","parallelism":2,"source":{"topics":["a","b"]},
                 "pipeline":[{"op":"window","type":"tumbling","size":"10s","aggregate":[{"fn":"count","as":"n"}]}],
                 "sink":{"topic":"out"}}""", new WorkerThreadBudget(256));
        awaitStarted(runner);

        assertThat(clients.changelogs).containsExactly("hyperiot-stream-w-changelog=4");
        assertThat(runner.workerCount()).isEqualTo(2);
    }

    @Test
    void aMissingSourceTopicHoldsTheWorkersBackAndTheStatusSaysWhy() throws Exception {
        clients.partitions.put("in", 3);
        // Twice, so that the status has time to show it: the runner looks again after 0.5 s, then 1 s.
        clients.failures.add(() -> new IllegalStateException("source topic in does not exist yet"));
        clients.failures.add(() -> new IllegalStateException("source topic in does not exist yet"));

        StreamRunner runner = start(filter("s", 2, "in"), new WorkerThreadBudget(256));

        Await.until("a task with its error", TIMEOUT, () -> runner.tasks().stream().anyMatch(task -> task.lastError() != null));
        assertThat(runner.tasks()).singleElement().satisfies(task -> {
            assertThat(task.task()).isEqualTo("starting");
            assertThat(task.state()).isEqualTo(StreamState.REBALANCING);
            assertThat(task.lastError()).isEqualTo("source topic in does not exist yet");
        });
        assertThat(runner.workerCount()).isZero();
        awaitStarted(runner);
        assertThat(clients.describeAttempts).hasValue(3);
        assertThat(runner.workerCount()).isEqualTo(2);
    }

    @Test
    void theNodesThreadBudgetBoundsTheWorkersOfAllStreamsAndAStreamWaitsForItsTurn() throws Exception {
        clients.partitions.put("in", 8);
        WorkerThreadBudget budget = new WorkerThreadBudget(3);

        StreamRunner first = start(filter("first", 2, "in"), budget);
        awaitStarted(first);
        StreamRunner second = start(filter("second", 2, "in"), budget);
        awaitStarted(second);
        StreamRunner third = start(filter("third", 2, "in"), budget);

        assertThat(first.workerCount()).isEqualTo(2);
        assertThat(second.workerCount()).as("what was left").isEqualTo(1);
        Await.until("the third stream held back", TIMEOUT, () -> !third.tasks().isEmpty()
                && NodeReportAggregator.HELD_BACK_TASK.equals(third.tasks().get(0).task()));
        TaskStatus held = third.tasks().get(0);
        assertThat(held.state()).isEqualTo(StreamState.WAITING);
        assertThat(held.lastError()).contains("max.worker.threads=3");
        assertThat(third.workerCount()).isZero();

        first.stop();
        awaitStarted(third);

        assertThat(third.workerCount()).isEqualTo(2);
        second.stop();
        third.stop();
        assertThat(budget.taken()).isZero();
    }


    /** Idle mock clients for the workers, and source topics with the partitions a test gives them. */
    private static final class FakeClients implements StreamClients {

        final Map<String, Integer> partitions = Collections.synchronizedMap(new LinkedHashMap<>());
        /** Failures the next looks at the source topics throw, one each, before they answer. */
        final ConcurrentLinkedQueue<Supplier<RuntimeException>> failures = new ConcurrentLinkedQueue<>();
        final List<String> changelogs = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger groupConsumers = new AtomicInteger();
        final AtomicInteger describeAttempts = new AtomicInteger();

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            return new MockProducer<>();
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
            if (config.get("group.id") != null) {
                groupConsumers.incrementAndGet();
            }
            return new MockConsumer<>("earliest") {
                @Override
                public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
                    // A mock consumer returns at once; an idle worker need not spin.
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.poll(timeout);
                }
            };
        }

        @Override
        public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
            throw new UnsupportedOperationException("these workers never restore a changelog");
        }

        @Override
        public StreamTopics streamTopics() {
            return new StreamTopics() {
                @Override
                public Map<String, Integer> partitionCounts(List<String> topics) {
                    describeAttempts.incrementAndGet();
                    Supplier<RuntimeException> failure = failures.poll();
                    if (failure != null) {
                        throw failure.get();
                    }
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    topics.forEach(topic -> counts.put(topic, partitions.get(topic)));
                    return counts;
                }

                @Override
                public void ensureChangelog(String changelog, int count) {
                    changelogs.add(changelog + "=" + count);
                }

                @Override
                public int ensureRepartition(String topic, int count, boolean required) {
                    changelogs.add(topic + "=" + count);
                    return count;
                }
            };
        }
    }
}
