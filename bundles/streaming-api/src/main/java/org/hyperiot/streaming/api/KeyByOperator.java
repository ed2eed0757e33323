package org.hyperiot.streaming.api;

/**
 * Replaces the record key with the value of a field, as a string. Until a {@code keyBy} the record
 * keeps the key it had on its source topic.
 *
 * <p>A {@code keyBy} before a window groups by the new key across every source partition: the
 * {@code kafka} engine sends the re-keyed records through the stream's internal repartition topic, so
 * that each key's window sees all of its records, unless the definition declares that the source
 * topics are already partitioned by that field.
 *
 * @param field             the (dotted) path of the field that becomes the key
 * @param sourcePartitioned true when every record of one key already sits in one source partition
 *                          (the topics are keyed by this field), so no repartition is needed
 * @param partitions        partitions of the repartition topic, or {@code null} for as many as the
 *                          widest source topic has; ignored when {@code sourcePartitioned}
 */
public record KeyByOperator(String field, boolean sourcePartitioned, Integer partitions) implements Operator {

    /** A {@code keyBy} that repartitions when a window follows it, with the default partition count. */
    public KeyByOperator(String field) {
        this(field, false, null);
    }

    /** Returns {@code keyBy}. */
    @Override
    public String op() {
        return "keyBy";
    }
}
