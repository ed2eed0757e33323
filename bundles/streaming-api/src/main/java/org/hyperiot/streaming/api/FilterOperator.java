package org.hyperiot.streaming.api;

/**
 * Keeps the records whose value matches a condition and drops the others.
 *
 * @param where the condition a record must match to be kept
 */
public record FilterOperator(Condition where) implements Operator {

    /** Returns {@code filter}. */
    @Override
    public String op() {
        return "filter";
    }
}
