package org.hyperiot.streaming.api;

import java.util.Optional;

/**
 * The aggregate functions of a window. Functions with a field ignore records where the field is
 * missing or {@code null}; {@code sum}, {@code avg}, {@code min} and {@code max} also ignore
 * non-numeric values. A function that saw no value yields {@code null} ({@code count} yields 0).
 */
public enum AggregateFunction {
    /** The number of records, or with a field the number of records that have it. */
    COUNT("count"),
    /** The sum of a numeric field; integral while every value is integral. */
    SUM("sum"),
    /** The arithmetic mean of a numeric field, as a double. */
    AVG("avg"),
    /** The smallest value of a numeric field. */
    MIN("min"),
    /** The largest value of a numeric field. */
    MAX("max"),
    /** The field (or whole value) of the record with the earliest event time; ties go to the record that arrived first. */
    FIRST("first"),
    /** The field (or whole value) of the record with the latest event time; ties go to the record that arrived last. */
    LAST("last"),
    /** A {@link org.hyperiot.streaming.api.StreamAggregator} registered under {@link AggregateSpec#name()}. */
    CUSTOM("custom");

    private final String jsonName;

    AggregateFunction(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the {@code fn} member of an aggregate. */
    public String jsonName() {
        return jsonName;
    }

    /** The function with the given JSON name, or empty if there is none. */
    public static Optional<AggregateFunction> fromJsonName(String name) {
        for (AggregateFunction function : values()) {
            if (function.jsonName.equals(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
