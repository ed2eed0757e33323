package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.util.Objects;

/**
 * A system competing in the side-by-side benchmark. The {@code id} identifies the system and is
 * what comparisons and chart colours rely on; the {@code label} is only what readers see, so the
 * Kafka Streams version in it can change without breaking either. Both parts are required and the id
 * must not be blank.
 *
 * @param id    stable identifier, e.g. {@code kafka-streams}
 * @param label name shown in tables and charts, e.g. {@code Kafka Streams 4.3.1}
 */
public record Contestant(String id, String label) {

    /** The baseline: a hand-written consume, transform, produce loop on kafka-clients. */
    public static final Contestant RAW_LOOP = new Contestant("raw-loop", "raw kafka-clients loop");

    /** Kafka Streams at the version the benchmark was built against. */
    public static final Contestant KAFKA_STREAMS = kafkaStreams("4.3.1");

    /** The HyperIoT engine processing record by record. */
    public static final Contestant HYPERIOT_NATIVE = new Contestant("hyperiot-native", "HyperIoT native");

    /** The HyperIoT engine processing micro-batches. */
    public static final Contestant HYPERIOT_MICRO_BATCH =
            new Contestant("hyperiot-micro-batch", "HyperIoT micro-batch");

    /**
     * The baseline on Storm: a topology of storm-kafka-client's spout and bolt with a filter and
     * projection bolt, written by hand.
     */
    public static final Contestant STORM_TOPOLOGY = new Contestant("storm-topology", "hand-written Storm topology");

    /** The HyperIoT engine running a stream as a Storm topology (the {@code storm} engine), record by record. */
    public static final Contestant HYPERIOT_STORM = new Contestant("hyperiot-storm", "HyperIoT on Storm");

    public Contestant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (id.isBlank()) {
            throw new IllegalArgumentException("contestant id is blank");
        }
    }

    /**
     * Kafka Streams labelled with the given version; it is the same system as {@link #KAFKA_STREAMS}
     * whatever the version.
     *
     * @param version the Kafka Streams version, e.g. {@code 4.3.1}
     * @return the Kafka Streams contestant
     */
    public static Contestant kafkaStreams(String version) {
        return new Contestant("kafka-streams", "Kafka Streams " + version);
    }

    /**
     * Whether both contestants are the same system, whatever their labels say.
     *
     * @param other the contestant to compare with
     * @return {@code true} when the ids are equal
     */
    public boolean isSameSystemAs(Contestant other) {
        return other != null && id.equals(other.id);
    }
}
