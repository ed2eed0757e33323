package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The three telemetry topologies of the side-by-side benchmark, built with the Kafka Streams DSL.
 *
 * <ul>
 *   <li>{@link #stateless}: keeps the readings whose {@code temp} is above {@value #FAULT_THRESHOLD}
 *       and projects each to {@code deviceId}, {@code seq}, {@code ts}, {@code temp}, key unchanged.</li>
 *   <li>{@link #windowed}: per device (the input key), event-time tumbling windows of
 *       {@link #WINDOW_SIZE} with {@link #GRACE} grace, count and average temperature; emits one
 *       result per window once stream time has passed its end plus the grace,
 *       {@code {"key","windowStart","windowEnd","avgTemp","n"}} keyed by the device id.</li>
 *   <li>{@link #windowedBySite}: the readings {@link #stateless} keeps, grouped by their {@code site}
 *       field rather than by the input key, so Kafka Streams repartitions them through an internal
 *       topic; then the same windows and results as {@link #windowed} (with a longer grace,
 *       {@link #SITE_GRACE}), keyed by the site.</li>
 * </ul>
 *
 * <p>Input keys are device ids as UTF-8 strings, values JSON readings; outputs are JSON.
 */
public final class TelemetryTopologies {

    /** Readings at or below this temperature are sensor faults (the generator writes -99.9). */
    public static final double FAULT_THRESHOLD = -50.0;

    /** The size of a tumbling window, aligned to the epoch. */
    public static final Duration WINDOW_SIZE = Duration.ofSeconds(1);

    /** How long after its end, in stream time, a window still accepts late readings. */
    public static final Duration GRACE = Duration.ofSeconds(1);

    /**
     * The grace of {@link #windowedBySite}'s windows: an hour, longer than the benchmark's input spans.
     * After the repartition a task's stream time is the highest event time any upstream task has sent
     * it, and upstream tasks run at their own pace: a fetch brings one source partition seconds of
     * event time at once, and the stream threads drift apart without bound. Measured on this
     * benchmark, 1 s and even 10 s of grace dropped most readings as late (windows with 13 of 31 and
     * 95 of 280 readings). So the grace must cover how far one source partition can run ahead of
     * another, which nothing bounds below the span of the input; the windows then close at the
     * closing markers the benchmark writes once the input is consumed.
     */
    public static final Duration SITE_GRACE = Duration.ofHours(1);

    /** The field of a reading that names its site, by which {@link #windowedBySite} groups. */
    public static final String SITE_FIELD = "site";

    /** The name of the re-keying by site, and so of its repartition topic. */
    public static final String SITE_REPARTITION = "readings-by-site";

    /** The name of the window store, and so of its changelog topic. */
    public static final String WINDOW_STORE = "temperature-windows";

    /** The name of the suppression that holds each window until it closes (its buffer is this + "-store"). */
    public static final String FINAL_RESULTS = "final-window-results";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TelemetryTopologies() {
    }

    /**
     * Builds the filter-and-project topology.
     *
     * @param inputTopic  the topic of readings
     * @param outputTopic the topic for the projected readings
     * @return the topology
     */
    public static Topology stateless(String inputTopic, String outputTopic) {
        Serde<JsonNode> json = new JsonNodeSerde();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), json))
                .filter((deviceId, reading) -> hasPlausibleTemperature(reading))
                .mapValues(TelemetryTopologies::project)
                .to(outputTopic, Produced.with(Serdes.String(), json));
        return builder.build();
    }

    /**
     * Builds the windowed-average topology.
     *
     * @param inputTopic  the topic of readings, keyed by device id
     * @param outputTopic the topic for the window results
     * @return the topology
     */
    public static Topology windowed(String inputTopic, String outputTopic) {
        Serde<JsonNode> json = new JsonNodeSerde();
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, JsonNode> byDevice = builder.stream(inputTopic, Consumed.with(Serdes.String(), json)
                        .withTimestampExtractor(new EventTimeExtractor()))
                // Already keyed by device: groupByKey adds no repartition topic.
                .groupByKey();
        finalWindowResults(byDevice, GRACE, outputTopic, json);
        return builder.build();
    }

    /**
     * Builds the windowed-average topology per site, which needs a repartition.
     *
     * @param inputTopics the topics of readings, keyed by device id; several are read as one stream
     * @param outputTopic the topic for the window results
     * @return the topology
     */
    public static Topology windowedBySite(List<String> inputTopics, String outputTopic) {
        Serde<JsonNode> json = new JsonNodeSerde();
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, JsonNode> bySite = builder.stream(inputTopics, Consumed.with(Serdes.String(), json)
                        .withTimestampExtractor(new EventTimeExtractor()))
                .filter((deviceId, reading) -> hasPlausibleTemperature(reading))
                // A new key before an aggregation: Kafka Streams writes the re-keyed readings to the
                // internal topic <application id>-<SITE_REPARTITION>-repartition and aggregates them
                // from there. A reading without a site gets a null key, which the aggregation skips.
                .groupBy((deviceId, reading) -> reading.path(SITE_FIELD).asText(null),
                        Grouped.with(SITE_REPARTITION, Serdes.String(), json));
        finalWindowResults(bySite, SITE_GRACE, outputTopic, json);
        return builder.build();
    }

    /** Count and average temperature per key and tumbling window, one final result per window. */
    private static void finalWindowResults(KGroupedStream<String, JsonNode> grouped, Duration grace,
            String outputTopic, Serde<JsonNode> json) {
        grouped.windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_SIZE, grace))
                .aggregate(
                        () -> WindowAggregate.EMPTY,
                        (key, reading, aggregate) -> aggregate.add(reading.path("temp").doubleValue()),
                        Materialized.<String, WindowAggregate, WindowStore<Bytes, byte[]>>as(WINDOW_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new WindowAggregateSerde()))
                // Final results only, once stream time reaches window end + grace. Not
                // emitStrategy(onWindowClose()), which in 4.3.1 cannot take the end marker's jump of
                // decades in stream time: its scan for closed windows walks the record cache one
                // 60 s segment at a time (minutes per task, past the exactly-once transaction
                // timeout), and with the cache off it misses the windows closed by any record that
                // moves stream time on by more than the store's retention (size + grace). The
                // suppression buffer evicts by stream time alone and is unaffected.
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(FINAL_RESULTS))
                .toStream()
                // map marks the stream for repartitioning, but to() is a sink: no repartition topic.
                .map((window, aggregate) -> KeyValue.pair(window.key(), windowResult(
                        window.key(), window.window().start(), window.window().end(), aggregate)))
                .to(outputTopic, Produced.with(Serdes.String(), json));
    }

    /**
     * Tells whether a reading is kept by the stateless topology: its {@code temp} is a number above
     * {@link #FAULT_THRESHOLD}. Tombstones and readings without a temperature are dropped.
     *
     * @param reading the input value, possibly {@code null}
     * @return {@code true} to keep it
     */
    static boolean hasPlausibleTemperature(JsonNode reading) {
        // NaN for a missing or non-numeric temp compares false, so such a reading is dropped.
        return reading != null && reading.path("temp").asDouble(Double.NaN) > FAULT_THRESHOLD;
    }

    /**
     * Projects a reading to exactly {@code deviceId}, {@code seq}, {@code ts} and {@code temp}, copying
     * the input's nodes so that numbers keep their values and types.
     *
     * @param reading the input value
     * @return a new object with the four fields, in that order
     */
    static JsonNode project(JsonNode reading) {
        ObjectNode projected = NODES.objectNode();
        projected.set("deviceId", reading.get("deviceId"));
        projected.set("seq", reading.get("seq"));
        projected.set("ts", reading.get(EventTimeExtractor.EVENT_TIME_FIELD));
        projected.set("temp", reading.get("temp"));
        return projected;
    }

    /**
     * Builds the result of one closed window.
     *
     * @param key         the window key: the device, or the site
     * @param windowStart the window's start, epoch milliseconds, inclusive
     * @param windowEnd   the window's end, epoch milliseconds, exclusive
     * @param aggregate   the window's aggregate
     * @return {@code {"key","windowStart","windowEnd","avgTemp","n"}}
     */
    static JsonNode windowResult(String key, long windowStart, long windowEnd, WindowAggregate aggregate) {
        ObjectNode result = NODES.objectNode();
        result.put("key", key);
        result.put("windowStart", windowStart);
        result.put("windowEnd", windowEnd);
        result.put("avgTemp", aggregate.averageTemperature());
        result.put("n", aggregate.count());
        return result;
    }
}
