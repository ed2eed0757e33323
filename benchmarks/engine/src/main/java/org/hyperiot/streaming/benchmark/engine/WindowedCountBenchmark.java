package org.hyperiot.streaming.benchmark.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamTask;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * keyBy + 10 s tumbling windowed count over 10,000 device keys, one task on one thread: the score
 * is records per second per core. Every device reports once per second, so each window holds ten
 * records per key and a window closes every 100,000 records. A fresh task per invocation keeps event
 * time moving forward.
 *
 * <p>{@code input}: decoded JSON trees or JSON bytes. {@code mode}: native or micro-batch (batches of
 * 10,000). {@code changelog}: whether every state change is encoded for a changelog listener (which
 * here discards it), as under a Kafka runtime.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WindowedCountBenchmark {

    static final int DEVICES = 10_000;
    static final int RECORDS = 500_000;
    static final int BATCH = 10_000;

    @Param({"tree", "json"})
    public String input;

    @Param({"native", "micro-batch"})
    public String mode;

    @Param({"false", "true"})
    public boolean changelog;

    private SourceRecord[] records;
    private List<List<SourceRecord>> batches;
    private StreamDefinition definition;
    private StreamTask task;
    private BlackholeOutput output;

    @Setup(Level.Trial)
    public void prepareInput() {
        records = Telemetry.records(RECORDS, DEVICES, input.equals("json"));
        batches = new java.util.ArrayList<>();
        for (int i = 0; i < RECORDS; i += BATCH) {
            batches.add(Arrays.asList(records).subList(i, Math.min(RECORDS, i + BATCH)));
        }
        StreamDefinition.Builder builder = StreamDefinition.builder("bench-windowed")
                .source(SourceSpec.of("telemetry").withEventTime(EventTime.field("ts")))
                .watermark(Duration.ofSeconds(2), null)
                .keyBy("deviceId")
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n"))
                .sink("out");
        if (mode.equals("micro-batch")) {
            builder.mode(ProcessingMode.MICRO_BATCH).batch(Duration.ofMillis(500), BATCH);
        }
        definition = builder.build();
    }

    @Setup(Level.Invocation)
    public void openTask(Blackhole blackhole) {
        output = new BlackholeOutput(blackhole);
        StreamTask.Builder builder = StreamTask.builder(definition).output(output);
        if (changelog) {
            builder.stateListener(blackhole::consume);
        }
        task = builder.build();
        task.open();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long windowedCount() {
        if (mode.equals("micro-batch")) {
            for (List<SourceRecord> batch : batches) {
                task.processBatch(batch);
            }
        } else {
            for (SourceRecord record : records) {
                task.process(record);
            }
        }
        return output.results;
    }
}
