package org.hyperiot.streaming.api;

import java.util.List;

/**
 * A boolean test on a record's JSON value, used by the {@code filter} operator. In JSON a condition
 * is either a field test such as {@code {"field": "temp", "gt": -50}} or a combination
 * {@code {"all": [...]}}, {@code {"any": [...]}}, {@code {"not": {...}}}.
 */
public sealed interface Condition permits FieldCondition, AllOf, AnyOf, NotCondition {

    /** {@code field == value}. */
    static FieldCondition eq(String field, Object value) {
        return new FieldCondition(field, Comparison.EQ, value);
    }

    /** {@code field != value}. */
    static FieldCondition ne(String field, Object value) {
        return new FieldCondition(field, Comparison.NE, value);
    }

    /** {@code field > value}. */
    static FieldCondition gt(String field, Object value) {
        return new FieldCondition(field, Comparison.GT, value);
    }

    /** {@code field >= value}. */
    static FieldCondition gte(String field, Object value) {
        return new FieldCondition(field, Comparison.GTE, value);
    }

    /** {@code field < value}. */
    static FieldCondition lt(String field, Object value) {
        return new FieldCondition(field, Comparison.LT, value);
    }

    /** {@code field <= value}. */
    static FieldCondition lte(String field, Object value) {
        return new FieldCondition(field, Comparison.LTE, value);
    }

    /** The field equals one of the given values. */
    static FieldCondition in(String field, List<?> values) {
        return new FieldCondition(field, Comparison.IN, values);
    }

    /** The field is present ({@code exists == true}) or absent ({@code exists == false}). */
    static FieldCondition exists(String field, boolean exists) {
        return new FieldCondition(field, Comparison.EXISTS, exists);
    }

    /** Every one of the conditions holds. */
    static AllOf all(Condition... conditions) {
        return new AllOf(List.of(conditions));
    }

    /** At least one of the conditions holds. */
    static AnyOf any(Condition... conditions) {
        return new AnyOf(List.of(conditions));
    }

    /** The condition does not hold. */
    static NotCondition not(Condition condition) {
        return new NotCondition(condition);
    }
}
