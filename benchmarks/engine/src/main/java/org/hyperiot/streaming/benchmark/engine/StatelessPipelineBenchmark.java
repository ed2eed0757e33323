package org.hyperiot.streaming.benchmark.engine;

import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.ValueFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Filter + project, one task on one thread: the score is records per second per core. {@code input}
 * chooses whether records arrive as decoded JSON trees or as JSON bytes the engine parses;
 * {@code output} whether results are handed over as they are or encoded to JSON bytes with the sink
 * format, as the Kafka runtime does before it sends them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StatelessPipelineBenchmark {

    static final int RECORDS = 100_000;

    @Param({"tree", "json"})
    public String input;

    @Param({"record", "json"})
    public String output;

    private SourceRecord[] records;
    private StreamTask task;
    private BlackholeOutput results;

    @Setup(Level.Trial)
    public void prepareInput() {
        records = Telemetry.records(RECORDS, 10_000, input.equals("json"));
    }

    @Setup(Level.Iteration)
    public void openTask(Blackhole blackhole) {
        StreamDefinition definition = StreamDefinition.builder("bench-stateless")
                .source(SourceSpec.of("telemetry").withEventTime(EventTime.field("ts")))
                .filter(Condition.gt("temp", -50L))
                .project("deviceId", "ts", "temp")
                .sink("out")
                .build();
        results = new BlackholeOutput(blackhole, output.equals("json") ? ValueFormat.of(DataFormat.JSON) : null);
        task = StreamTask.builder(definition).output(results).build();
        task.open();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void filterAndProject() {
        for (SourceRecord record : records) {
            task.process(record);
        }
    }

    @TearDown(Level.Iteration)
    public void closeTask() {
        if (results.results == 0) {
            throw new IllegalStateException("the pipeline produced nothing");
        }
        task.close();
    }
}
