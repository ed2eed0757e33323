package org.hyperiot.streaming.rest.internal;

import java.util.List;
import java.util.Locale;

import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.api.StreamSummary;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON bodies of the stream and processor routes (SPEC §6). They are written out here rather
 * than serialising the API records, so that the wire format is the contract's and stays put when
 * the Java API grows: engine and guarantee as in the definition ({@code "exactly-once"}), states
 * as their upper-case names.
 */
final class StreamViews {

    private static final StreamDefinitionWriter WRITER = new StreamDefinitionWriter();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StreamViews() {
    }

    /** One line of {@code GET /streams}. */
    public record StreamItem(String name, StreamState state, String engine, String guarantee) {
    }

    /** {@code GET /streams/{name}}. */
    public record StreamDocument(JsonNode definition, Status status) {
    }

    /**
     * {@code GET /streams/{name}/status} and the body of start, stop and restart; {@code topology} only for
     * a stream on the {@code storm} engine whose topology Nimbus has.
     */
    public record Status(String name, StreamState state, List<Task> tasks, String lastError,
            @JsonInclude(JsonInclude.Include.NON_NULL) Topology topology) {
    }

    /** The Storm topology of a stream in {@link Status}. */
    public record Topology(String id, String status, int workers, int executors, int tasks, long uptimeSeconds) {
    }

    /** One task in a {@link Status}. */
    public record Task(String node, String task, List<String> partitions, StreamState state, String lastError) {
    }

    /**
     * {@code GET /streams/{name}/metrics}; {@code null} latencies and watermark mean "not yet"; {@code storm}
     * only for a stream on the {@code storm} engine.
     */
    public record Metrics(String name, long recordsIn, long recordsOut, double recordsInPerSecond,
            double recordsOutPerSecond, long late, long deadLettered, long lag, Double latencyP50Ms,
            Double latencyP99Ms, Long watermark, long commits, List<TaskMetrics> tasks,
            @JsonInclude(JsonInclude.Include.NON_NULL) StormTuples storm) {
    }

    /** Storm's tuple counts in {@link Metrics}, for a stream on the {@code storm} engine. */
    public record StormTuples(long acked, long failed) {
    }

    /** One task in {@link Metrics}. */
    public record TaskMetrics(String node, String task, long recordsIn, long recordsOut, long late,
            long deadLettered, long lag, Long watermark, long commits) {
    }

    /** {@code POST /streams/validate}. */
    public record Validation(boolean valid, List<Problem.FieldError> errors) {
    }

    /** One line of {@code GET /processors}; {@code kind} is {@code processor} or {@code aggregator}. */
    public record Processor(String name, String kind, String bundle, String version) {
    }

    static StreamItem item(StreamSummary summary) {
        return new StreamItem(summary.name(), summary.state(), summary.engine().jsonName(),
                summary.guarantee().jsonName());
    }

    /** The definition as the same JSON document a client posts, defaults written out. */
    static JsonNode definition(StreamDefinition definition) {
        try {
            return MAPPER.readTree(WRITER.write(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the definition writer produced unreadable JSON", e);
        }
    }

    static Status status(StreamStatus status) {
        TopologySummary topology = status.topology();
        return new Status(status.name(), status.state(), status.tasks().stream().map(StreamViews::task).toList(),
                status.lastError(), topology == null ? null : new Topology(topology.id(), topology.status().name(),
                        topology.workers(), topology.executors(), topology.tasks(), topology.uptimeSeconds()));
    }

    private static Task task(TaskStatus task) {
        return new Task(task.node(), task.task(), task.partitions(), task.state(), task.lastError());
    }

    static Metrics metrics(StreamMetrics m) {
        return new Metrics(m.name(), m.recordsIn(), m.recordsOut(), m.recordsInPerSecond(), m.recordsOutPerSecond(),
                m.late(), m.deadLettered(), m.lag(), m.latencyP50Ms(), m.latencyP99Ms(), m.watermark(), m.commits(),
                m.tasks().stream().map(t -> new TaskMetrics(t.node(), t.task(), t.recordsIn(), t.recordsOut(),
                        t.late(), t.deadLettered(), t.lag(), t.watermark(), t.commits())).toList(),
                m.storm() == null ? null : new StormTuples(m.storm().acked(), m.storm().failed()));
    }

    static Validation validation(List<ValidationError> errors) {
        return new Validation(errors.isEmpty(), fieldErrors(errors));
    }

    static List<Problem.FieldError> fieldErrors(List<ValidationError> errors) {
        return errors.stream().map(e -> new Problem.FieldError(e.pointer(), e.message())).toList();
    }

    static Processor processor(ProcessorInfo info) {
        return new Processor(info.name(), info.kind().name().toLowerCase(Locale.ROOT), info.bundle(), info.version());
    }
}
