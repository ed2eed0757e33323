package org.hyperiot.streaming.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.api.StreamState.FAILED;
import static org.hyperiot.streaming.api.StreamState.REBALANCING;
import static org.hyperiot.streaming.api.StreamState.RUNNING;
import static org.hyperiot.streaming.api.StreamState.WAITING;
import static org.hyperiot.streaming.runtime.internal.Definitions.stored;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.runtime.kafka.NodeReport;
import org.hyperiot.streaming.runtime.internal.store.StoredStream;
import org.hyperiot.streaming.runtime.internal.store.StoredStream.Desired;
import org.junit.jupiter.api.Test;

class NodeReportAggregatorTest {

    private static final long NOW = 1_000_000;
    /** Reports are live for 3 × 2 s + 5 s. */
    private static final long MAX_AGE = 11_000;
    private static final StoredStream RUNNING_STREAM = stored("s", Desired.RUNNING, 0);

    private final NodeReportAggregator aggregator = new NodeReportAggregator(Duration.ofSeconds(2));

    @Test
    void aFailedTaskFailsTheStreamWhateverTheOthersDo() {
        assertThat(state(RUNNING, REBALANCING, WAITING, FAILED)).isEqualTo(FAILED);
    }

    @Test
    void withoutFailuresAWaitingTaskMakesTheStreamWait() {
        assertThat(state(RUNNING, REBALANCING, WAITING)).isEqualTo(WAITING);
    }

    @Test
    void withoutFailedOrWaitingTasksAMovingTaskMakesTheStreamRebalance() {
        assertThat(state(RUNNING, REBALANCING, RUNNING)).isEqualTo(REBALANCING);
    }

    @Test
    void theStreamRunsOnlyWhenEveryTaskRuns() {
        assertThat(state(RUNNING, RUNNING)).isEqualTo(RUNNING);
    }

    @Test
    void withoutTasksTheStreamWaitsForAMissingEngineAndRebalancesOtherwise() {
        assertThat(aggregator.status(RUNNING_STREAM, List.of(), false, NOW).state()).isEqualTo(WAITING);
        assertThat(aggregator.status(RUNNING_STREAM, List.of(), true, NOW).state()).isEqualTo(REBALANCING);
    }

    @Test
    void tasksOnOtherNodesCountWhenTheEngineIsMissingHere() {
        StreamStatus status = aggregator.status(RUNNING_STREAM, List.of(report("node-2", NOW, RUNNING)), false, NOW);

        assertThat(status.state()).isEqualTo(RUNNING);
    }

    @Test
    void aTaskEveryNodeReportsAlikeShowsOnceAsAnEngineWithACentralSchedulerReportsIt() {
        TaskStatus topology = new TaskStatus("storm", "stream-s-1-1700000000", List.of(), RUNNING, null);
        NodeReport first = new NodeReport("node-1", "s", NOW, List.of(topology), null);
        NodeReport second = new NodeReport("node-2", "s", NOW, List.of(topology), null);

        StreamStatus status = aggregator.status(RUNNING_STREAM, List.of(first, second), true, NOW);

        assertThat(status.tasks()).containsExactly(topology);
        assertThat(status.state()).isEqualTo(RUNNING);
    }

    @Test
    void aNodeHoldingTheStreamBackDoesNotKeepItFromRunningOnTheOthersButSaysWhy() {
        NodeReport held = new NodeReport("node-1", "s", NOW, List.of(new TaskStatus("node-1",
                NodeReportAggregator.HELD_BACK_TASK, List.of(), WAITING, "node node-1 runs at most 2 streams")), null);

        StreamStatus elsewhere = aggregator.status(RUNNING_STREAM, List.of(held, report("node-2", NOW, RUNNING)), true,
                NOW);
        StreamStatus nowhere = aggregator.status(RUNNING_STREAM, List.of(held), true, NOW);

        assertThat(elsewhere.state()).isEqualTo(RUNNING);
        assertThat(elsewhere.lastError()).contains("at most 2 streams");
        assertThat(nowhere.state()).isEqualTo(WAITING);
        assertThat(nowhere.lastError()).contains("at most 2 streams");
    }

    @Test
    void aStreamNotAskedToRunIsCreatedOrStoppedWhateverItsReports() {
        List<NodeReport> reports = List.of(report("node-1", NOW, FAILED));

        assertThat(aggregator.status(stored("s", Desired.CREATED, 0), reports, true, NOW).state())
                .isEqualTo(StreamState.CREATED);
        assertThat(aggregator.status(stored("s", Desired.STOPPED, 0), reports, true, NOW).state())
                .isEqualTo(StreamState.STOPPED);
    }

    @Test
    void theStatusListsEveryLiveNodesTasksWithTheFirstError() {
        NodeReport one = new NodeReport("node-1", "s", NOW, List.of(
                new TaskStatus("node-1", "in-1", List.of("in-1"), RUNNING, null)), null);
        NodeReport two = new NodeReport("node-2", "s", NOW, List.of(
                new TaskStatus("node-2", "in-0", List.of("in-0"), FAILED, "poison record at offset 7")), null);

        StreamStatus status = aggregator.status(RUNNING_STREAM, List.of(one, two), true, NOW);

        assertThat(status.tasks()).extracting(TaskStatus::task).containsExactly("in-0", "in-1");
        assertThat(status.lastError()).isEqualTo("poison record at offset 7");
        assertThat(status.state()).isEqualTo(FAILED);
    }

    @Test
    void reportsOfNodesThatStoppedReportingAreIgnored() {
        NodeReport live = report("node-1", NOW - MAX_AGE, RUNNING);
        NodeReport stale = report("node-2", NOW - MAX_AGE - 1, FAILED);

        StreamStatus status = aggregator.status(RUNNING_STREAM, List.of(live, stale), true, NOW);
        StreamMetrics metrics = aggregator.metrics("s", List.of(
                metricsReport("node-1", NOW - MAX_AGE, 10, 5.0, 100L),
                metricsReport("node-2", NOW - MAX_AGE - 1, 1000, 99.0, 1L)), NOW);

        assertThat(status.state()).isEqualTo(RUNNING);
        assertThat(status.tasks()).extracting(TaskStatus::node).containsExactly("node-1");
        assertThat(metrics.recordsIn()).isEqualTo(10);
        assertThat(metrics.latencyP99Ms()).isEqualTo(5.0);
        assertThat(metrics.watermark()).isEqualTo(100L);
    }

    @Test
    void countersAreSummedLatencyIsTheWorstNodesAndTheWatermarkTheLowest() {
        StreamMetrics one = new StreamMetrics("s", 100, 50, 10.0, 5.0, 3, 1, 7, 2.0, 9.0, 5_000L, 4,
                List.of(new StreamMetrics.Task("node-1", "in-1", 100, 50, 3, 1, 7, 5_000L, 4)));
        StreamMetrics two = new StreamMetrics("s", 30, 20, 1.5, 0.5, 2, 4, 1, 3.0, 4.0, 4_000L, 6,
                List.of(new StreamMetrics.Task("node-2", "in-0", 30, 20, 2, 4, 1, 4_000L, 6)));
        StreamMetrics starting = new StreamMetrics("s", 0, 0, 0, 0, 0, 0, 0, null, null, null, 0, List.of());

        StreamMetrics merged = aggregator.metrics("s", List.of(
                new NodeReport("node-1", "s", NOW, List.of(), one),
                new NodeReport("node-2", "s", NOW, List.of(), two),
                new NodeReport("node-3", "s", NOW, List.of(), starting),
                new NodeReport("node-4", "s", NOW, List.of(), null)), NOW);

        assertThat(merged.recordsIn()).isEqualTo(130);
        assertThat(merged.recordsOut()).isEqualTo(70);
        assertThat(merged.recordsInPerSecond()).isEqualTo(11.5);
        assertThat(merged.recordsOutPerSecond()).isEqualTo(5.5);
        assertThat(merged.late()).isEqualTo(5);
        assertThat(merged.deadLettered()).isEqualTo(5);
        assertThat(merged.lag()).isEqualTo(8);
        assertThat(merged.commits()).isEqualTo(10);
        assertThat(merged.latencyP50Ms()).isEqualTo(3.0);
        assertThat(merged.latencyP99Ms()).isEqualTo(9.0);
        assertThat(merged.watermark()).isEqualTo(4_000L);
        assertThat(merged.tasks()).extracting(StreamMetrics.Task::task).containsExactly("in-0", "in-1");
    }

    @Test
    void withoutAnyLiveReportTheMetricsAreZeroAndUnknown() {
        StreamMetrics metrics = aggregator.metrics("s", List.of(), NOW);

        assertThat(metrics.recordsIn()).isZero();
        assertThat(metrics.latencyP99Ms()).isNull();
        assertThat(metrics.watermark()).isNull();
        assertThat(metrics.tasks()).isEmpty();
    }

    private StreamState state(StreamState... taskStates) {
        List<NodeReport> reports = Arrays.stream(taskStates)
                .map(state -> report("node-" + state.ordinal(), NOW, state)).toList();
        return aggregator.status(RUNNING_STREAM, reports, true, NOW).state();
    }

    private static NodeReport report(String node, long at, StreamState state) {
        return new NodeReport(node, "s", at, List.of(new TaskStatus(node, "in-0", List.of("in-0"), state, null)), null);
    }

    private static NodeReport metricsReport(String node, long at, long recordsIn, double p99, Long watermark) {
        return new NodeReport(node, "s", at, List.of(), new StreamMetrics("s", recordsIn, 0, 0, 0, 0, 0, 0, p99, p99,
                watermark, 0, List.of()));
    }
}
