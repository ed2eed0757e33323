package org.hyperiot.streaming.engine;

import java.util.Optional;

import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;

/**
 * Whether a stream must repartition before its window. The window groups by the record key, and the
 * records of one key must all reach the one task that holds its windows. A key read from the source
 * topic is where Kafka's partitioner put it, so a window without {@code keyBy} needs nothing; a key
 * set by {@code keyBy} may sit in every source partition, so the records are sent through the
 * stream's repartition, partitioned by the new key, unless the definition declares the source already
 * partitioned by it ({@code "sourcePartitioned": true}).
 */
public final class Repartitioning {

    private Repartitioning() {
    }

    /** The {@code keyBy} the stream repartitions by, or empty when it needs no repartition. */
    public static Optional<KeyByOperator> keyBy(StreamDefinition definition) {
        KeyByOperator last = null;
        for (Operator operator : definition.pipeline()) {
            if (operator instanceof KeyByOperator keyBy) {
                last = keyBy;
            } else if (operator instanceof WindowOperator) {
                return last == null || last.sourcePartitioned() ? Optional.empty() : Optional.of(last);
            }
        }
        return Optional.empty();
    }

    /** True when the stream runs in a {@link TaskStage#ROUTING} and a {@link TaskStage#WINDOWING} stage. */
    public static boolean required(StreamDefinition definition) {
        return keyBy(definition).isPresent();
    }

    /**
     * How many partitions the repartition has: what the {@code keyBy} asks, else as many as the widest
     * source topic, so that the windowing stage can spread as widely as the source.
     *
     * @throws IllegalArgumentException if the stream needs no repartition
     */
    public static int partitions(StreamDefinition definition, int widestSource) {
        KeyByOperator keyBy = keyBy(definition)
                .orElseThrow(() -> new IllegalArgumentException("stream '" + definition.name() + "' does not repartition"));
        return keyBy.partitions() != null ? keyBy.partitions() : Math.max(1, widestSource);
    }
}
