package org.hyperiot.streaming.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stream: the immutable Java form of the stream definition JSON document. The JSON reader and
 * {@link #builder(String)} fill in the same defaults, so the same stream read from JSON or built in
 * Java gives equal objects. Construction does not validate; the engine's validator does.
 *
 * @param name           unique name, matching {@code ^[a-z0-9][a-z0-9._-]{0,62}$}
 * @param description    free text for people, or {@code null}
 * @param engine         where the stream runs
 * @param mode           native or micro-batch processing
 * @param guarantee      the delivery guarantee
 * @param parallelism    tasks per node (kafka) or executors (storm)
 * @param commitInterval in native mode, how often offsets (and transactions) are committed
 * @param source         the topics read
 * @param watermark      event-time disorder and idleness settings
 * @param pipeline       the operators, in order; empty passes records through unchanged
 * @param sink           the topic results are written to
 * @param lateRecords    where records too late for their window go, or {@code null} to drop and count them
 * @param deadLetter     where records that cannot be parsed or processed go, or {@code null} to fail the stream
 * @param batch          batch settings, required in micro-batch mode and {@code null} otherwise
 */
public record StreamDefinition(
        String name,
        String description,
        Engine engine,
        ProcessingMode mode,
        Guarantee guarantee,
        int parallelism,
        Duration commitInterval,
        SourceSpec source,
        WatermarkSpec watermark,
        List<Operator> pipeline,
        SinkSpec sink,
        SideOutput lateRecords,
        SideOutput deadLetter,
        BatchSpec batch) {

    /** The engine used when none is given. */
    public static final Engine DEFAULT_ENGINE = Engine.KAFKA;
    /** The processing mode used when none is given. */
    public static final ProcessingMode DEFAULT_MODE = ProcessingMode.NATIVE;
    /** The guarantee used when none is given. */
    public static final Guarantee DEFAULT_GUARANTEE = Guarantee.AT_LEAST_ONCE;
    /** The parallelism used when none is given. */
    public static final int DEFAULT_PARALLELISM = 1;
    /** The commit interval used when none is given. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    /** Keeps an unmodifiable copy of the pipeline. */
    public StreamDefinition {
        pipeline = pipeline == null ? List.of() : List.copyOf(pipeline);
    }

    /** Starts building a stream with the given name and every default. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Fluent construction of a {@link StreamDefinition}. Defaults: engine {@code kafka}, mode
     * {@code native}, guarantee {@code at-least-once}, parallelism 1, commit interval 100 ms,
     * watermark {@link WatermarkSpec#DEFAULT}, sink format {@code json}. The builder does not
     * validate; pass the result to the engine's validator.
     */
    public static final class Builder {

        private final String name;
        private String description;
        private Engine engine = DEFAULT_ENGINE;
        private ProcessingMode mode = DEFAULT_MODE;
        private Guarantee guarantee = DEFAULT_GUARANTEE;
        private int parallelism = DEFAULT_PARALLELISM;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private SourceSpec source;
        private WatermarkSpec watermark = WatermarkSpec.DEFAULT;
        private final List<Operator> pipeline = new ArrayList<>();
        private SinkSpec sink;
        private SideOutput lateRecords;
        private SideOutput deadLetter;
        private BatchSpec batch;

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the free-text description. */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** Sets the engine. */
        public Builder engine(Engine value) {
            this.engine = value;
            return this;
        }

        /** Sets the processing mode; micro-batch also needs {@link #batch(Duration, int)}. */
        public Builder mode(ProcessingMode value) {
            this.mode = value;
            return this;
        }

        /** Sets the delivery guarantee. */
        public Builder guarantee(Guarantee value) {
            this.guarantee = value;
            return this;
        }

        /** Sets the number of tasks per node or executors. */
        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        /** Sets how often native mode commits. */
        public Builder commitInterval(Duration value) {
            this.commitInterval = value;
            return this;
        }

        /** Sets the source. */
        public Builder source(SourceSpec value) {
            this.source = value;
            return this;
        }

        /** Reads the given topics with the source defaults (JSON, earliest, record timestamps). */
        public Builder source(String... topics) {
            return source(SourceSpec.of(topics));
        }

        /** Sets the watermark settings. */
        public Builder watermark(WatermarkSpec value) {
            this.watermark = value;
            return this;
        }

        /** Sets the watermark's allowed disorder and idle timeout ({@code null} for none). */
        public Builder watermark(Duration maxOutOfOrderness, Duration idleTimeout) {
            return watermark(new WatermarkSpec(maxOutOfOrderness, idleTimeout));
        }

        /** Appends any operator to the pipeline. */
        public Builder operator(Operator operator) {
            pipeline.add(operator);
            return this;
        }

        /** Appends a filter. */
        public Builder filter(Condition where) {
            return operator(new FilterOperator(where));
        }

        /** Appends a projection keeping the given fields. */
        public Builder project(String... fields) {
            return operator(new ProjectOperator(List.of(fields)));
        }

        /** Appends a {@code set} of a field to a constant. */
        public Builder set(String field, Object value) {
            return operator(new SetOperator(field, value));
        }

        /** Appends a rename of a field. */
        public Builder rename(String from, String to) {
            return operator(new RenameOperator(from, to));
        }

        /** Appends a {@code keyBy}. */
        public Builder keyBy(String field) {
            return operator(new KeyByOperator(field));
        }

        /** Appends a custom processor without configuration. */
        public Builder processor(String processorName) {
            return operator(new ProcessorOperator(processorName, Map.of()));
        }

        /** Appends a custom processor with its configuration. */
        public Builder processor(String processorName, Map<String, Object> config) {
            return operator(new ProcessorOperator(processorName, config));
        }

        /** Appends a window. */
        public Builder window(WindowOperator window) {
            return operator(window);
        }

        /** Appends the window the given builder describes. */
        public Builder window(WindowOperator.Builder window) {
            return operator(window.build());
        }

        /** Sets the sink. */
        public Builder sink(SinkSpec value) {
            this.sink = value;
            return this;
        }

        /** Writes JSON results to the given topic. */
        public Builder sink(String topic) {
            return sink(SinkSpec.of(topic));
        }

        /** Sends records too late for their window to the given topic. */
        public Builder lateRecords(String topic) {
            this.lateRecords = new SideOutput(topic);
            return this;
        }

        /** Sends records that cannot be parsed or processed to the given topic. */
        public Builder deadLetter(String topic) {
            this.deadLetter = new SideOutput(topic);
            return this;
        }

        /** Sets the micro-batch settings. */
        public Builder batch(Duration interval, int maxRecords) {
            this.batch = new BatchSpec(interval, maxRecords);
            return this;
        }

        /** The definition as configured so far. */
        public StreamDefinition build() {
            return new StreamDefinition(name, description, engine, mode, guarantee, parallelism,
                    commitInterval, source, watermark, pipeline, sink, lateRecords, deadLetter, batch);
        }
    }
}
