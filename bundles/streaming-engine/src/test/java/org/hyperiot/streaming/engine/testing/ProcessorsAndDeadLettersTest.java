package org.hyperiot.streaming.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.engine.Json.object;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.RecordFormatException;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.junit.jupiter.api.Test;

class ProcessorsAndDeadLettersTest {

    /** Emits each record once per element of its "copies" list, and throws for "boom". */
    static final class Splitter implements StreamProcessor {
        static final List<String> EVENTS = new ArrayList<>();
        private String suffix;
        private ProcessorContext context;

        @Override
        public void open(Map<String, Object> config, ProcessorContext ctx) {
            this.suffix = (String) config.get("suffix");
            this.context = ctx;
            EVENTS.add("open " + ctx.streamName() + "/" + ctx.processorName());
        }

        @Override
        public void process(StreamRecord record, RecordCollector out) {
            Map<?, ?> value = (Map<?, ?>) record.value();
            if ("boom".equals(value.get("name"))) {
                out.emit(record);
                throw new IllegalStateException("cannot split " + value.get("name"));
            }
            for (Object copy : (List<?>) value.get("copies")) {
                out.emit(record.withValue(object("name", value.get("name") + suffix, "copy", copy,
                        "watermark", context.currentWatermark(), "now", context.currentProcessingTime())));
            }
        }

        @Override
        public void close() {
            EVENTS.add("close");
        }
    }

    private static StreamDefinition.Builder splitting() {
        return StreamDefinition.builder("split")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("ts")))
                .processor("splitter", Map.of("suffix", "!"));
    }

    @Test
    void processorsAreOpenedWithTheirConfigAndClosedOnStop() {
        Splitter.EVENTS.clear();
        StreamDefinition definition = splitting().sink("out").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).processor("splitter", Splitter::new)
                .startTime(777).build()) {
            driver.pipeInput("k", object("name", "a", "copies", List.of(1L, 2L), "ts", 50L), 0);

            assertThat(driver.readOutput()).containsExactly(
                    StreamRecord.of("k", object("name", "a!", "copy", 1L, "watermark", 50L, "now", 777L), 50),
                    StreamRecord.of("k", object("name", "a!", "copy", 2L, "watermark", 50L, "now", 777L), 50));
            assertThat(Splitter.EVENTS).containsExactly("open split/splitter");
        }
        assertThat(Splitter.EVENTS).containsExactly("open split/splitter", "close");
    }

    @Test
    void aMissingProcessorIsReportedByName() {
        StreamDefinition definition = splitting().sink("out").build();
        assertThatThrownBy(() -> StreamTestDriver.builder(definition).build())
                .isInstanceOfSatisfying(MissingProcessorException.class,
                        e -> assertThat(e.processors()).containsExactly("splitter"));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterOutputAndTheStreamGoesOn() {
        StreamDefinition definition = splitting().filter(Condition.exists("copy", true))
                .sink("out").deadLetter("dlq").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).processor("splitter", Splitter::new)
                .build()) {
            driver.pipeRaw("k", "{not json", 10);
            driver.pipeRaw("k", "{\"name\": \"no time\", \"copies\": [1]}", 10);
            driver.pipeRaw("k", "{\"name\": \"boom\", \"ts\": 5}", 10);
            driver.pipeRaw("k", "{\"name\": \"fine\", \"copies\": [1], \"ts\": 6}", 10);

            List<DeadLetterRecord> dead = driver.readDeadLetters();
            assertThat(dead).extracting(d -> d.source().offset()).containsExactly(0L, 1L, 2L);
            assertThat(dead.get(0).errorClass()).isEqualTo(RecordFormatException.class.getName());
            assertThat(dead.get(0).errorMessage()).startsWith("value is not valid JSON");
            assertThat(new String(dead.get(0).source().payload(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(dead.get(1).errorMessage()).contains("'ts' is missing");
            assertThat(dead.get(2).errorClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(dead.get(2).errorMessage()).isEqualTo("cannot split boom");
            // What the failing record emitted before throwing is discarded.
            assertThat(driver.readOutputValues()).extracting(v -> (Object) ((Map<?, ?>) v).get("name")).containsExactly("fine!");
            assertThat(driver.metrics().deadLettered()).isEqualTo(3);
            assertThat(driver.metrics().recordsIn()).isEqualTo(4);
        }
    }

    @Test
    void withoutADeadLetterTopicAPoisonRecordFailsTheStream() {
        StreamDefinition definition = splitting().sink("out").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).processor("splitter", Splitter::new)
                .build()) {
            driver.pipeRaw("k", "{\"name\": \"fine\", \"copies\": [1], \"ts\": 6}", 10);
            assertThatThrownBy(() -> driver.pipeRaw("k", "{\"name\": \"boom\", \"ts\": 5}", 10))
                    .isInstanceOfSatisfying(StreamProcessingException.class, e -> {
                        assertThat(e.source().offset()).isEqualTo(1);
                        assertThat(e.getCause()).hasMessage("cannot split boom");
                    });
            assertThat(driver.task().isFailed()).isTrue();
            assertThatThrownBy(() -> driver.pipeRaw("k", "{\"name\": \"fine\", \"copies\": [1], \"ts\": 6}", 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
        }
    }

    @Test
    void stringAndBytesSourcesPassValuesThrough() {
        StreamDefinition strings = StreamDefinition.builder("s")
                .source(SourceSpec.of("in").withFormat(DataFormat.STRING)).sink("out").deadLetter("dlq").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(strings).build()) {
            driver.pipeRaw("in", 0, "k", "héllo".getBytes(StandardCharsets.UTF_8), 42);
            driver.pipeRaw("in", 0, "k", new byte[] {(byte) 0xff, (byte) 0xfe}, 43);
            assertThat(driver.readOutput()).containsExactly(StreamRecord.of("k", "héllo", 42));
            assertThat(driver.readDeadLetters()).extracting(DeadLetterRecord::errorMessage)
                    .containsExactly("value is not valid UTF-8 text");
        }
        StreamDefinition bytes = StreamDefinition.builder("b")
                .source(SourceSpec.of("in").withFormat(DataFormat.BYTES)).sink("out").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(bytes).build()) {
            driver.pipeRaw("in", 0, "k", new byte[] {1, 2, 3}, 42);
            assertThat(driver.readOutput()).containsExactly(StreamRecord.of("k", new byte[] {1, 2, 3}, 42));
        }
    }

    @Test
    void microBatchesCloseOnSizeOrInterval() {
        StreamDefinition definition = StreamDefinition.builder("mb")
                .mode(ProcessingMode.MICRO_BATCH).batch(Duration.ofMillis(500), 3)
                .source(SourceSpec.of("in").withEventTime(EventTime.field("ts")))
                .window(WindowOperator.tumbling(Duration.ofSeconds(1)).count("n"))
                .sink("out").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("k", object("ts", 100L), 0);
            driver.pipeInput("k", object("ts", 200L), 0);
            driver.pipeInput("k", object("ts", 1_100L), 0);
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "k", "windowStart", 0L, "windowEnd", 1_000L, "n", 2L));

            driver.pipeInput("k", object("ts", 2_500L), 0);
            driver.advanceProcessingTime(Duration.ofMillis(499));
            assertThat(driver.readOutput()).isEmpty();
            driver.advanceProcessingTime(Duration.ofMillis(1));
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "k", "windowStart", 1_000L, "windowEnd", 2_000L, "n", 1L));
        }
    }
}
