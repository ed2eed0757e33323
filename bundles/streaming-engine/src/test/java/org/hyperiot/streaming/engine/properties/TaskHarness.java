package org.hyperiot.streaming.engine.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.state.StateChange;

/** A task with everything it emits collected, for the properties. */
final class TaskHarness implements TaskOutput {

    static final SourcePartition PARTITION = new SourcePartition("in", 0);

    final List<StreamRecord> results = new ArrayList<>();
    final List<LateRecord> late = new ArrayList<>();
    final List<DeadLetterRecord> deadLetters = new ArrayList<>();
    final List<StateChange> changelog = new ArrayList<>();
    final StreamTask task;

    TaskHarness(StreamDefinition definition, ProcessorRegistry registry) {
        task = StreamTask.builder(definition).processors(registry).output(this).stateListener(changelog::add)
                .partitions(List.of(PARTITION)).build();
    }

    /** A stream of one window; time windows send late records to a late topic. */
    static StreamDefinition windowed(long maxDisorder, WindowShape shape, WindowOperator.Builder window) {
        StreamDefinition.Builder builder = StreamDefinition.builder("property")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("t")))
                .watermark(Duration.ofMillis(maxDisorder), null)
                .window(window)
                .sink("out");
        return shape.isTimeWindow() ? builder.lateRecords("late").build() : builder.build();
    }

    static SourceRecord record(int offset, Event event) {
        return SourceRecord.ofValue(PARTITION, offset, event.key(), event.json(), 0, Map.of());
    }

    /** Opens the task and feeds it every event one by one, then ends the input. */
    static TaskHarness runAll(StreamDefinition definition, List<Event> events) {
        TaskHarness harness = new TaskHarness(definition, ProcessorRegistry.empty());
        harness.task.open();
        for (int i = 0; i < events.size(); i++) {
            harness.task.process(record(i, events.get(i)));
        }
        harness.task.endOfInput();
        return harness;
    }

    @Override
    public void result(StreamRecord record) {
        results.add(record);
    }

    @Override
    public void late(LateRecord record) {
        late.add(record);
    }

    @Override
    public void deadLetter(DeadLetterRecord record) {
        deadLetters.add(record);
    }
}
