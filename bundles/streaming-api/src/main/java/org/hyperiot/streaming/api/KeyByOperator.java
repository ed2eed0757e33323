package org.hyperiot.streaming.api;

/**
 * Replaces the record key with the value of a field, as a string. Until a {@code keyBy} the record
 * keeps the key it had on its source topic.
 *
 * @param field the (dotted) path of the field that becomes the key
 */
public record KeyByOperator(String field) implements Operator {

    /** Returns {@code keyBy}. */
    @Override
    public String op() {
        return "keyBy";
    }
}
