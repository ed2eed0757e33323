package org.hyperiot.streaming.api;

/**
 * One aggregate computed by a window, published under {@code as} in the window result. In JSON:
 * {@code {"fn": "avg", "field": "temp", "as": "avgTemp"}} or, for a custom aggregator,
 * {@code {"fn": "custom", "name": "p95", "field": "temp", "as": "p95Temp"}}.
 *
 * @param fn    the function
 * @param field the (dotted) field it reads; {@code null} for {@code count} of records, and for
 *              {@code first}, {@code last} and custom aggregators it means the whole value
 * @param as    the name of the result member
 * @param name  for {@link AggregateFunction#CUSTOM}, the name the aggregator is registered under;
 *              {@code null} otherwise
 */
public record AggregateSpec(AggregateFunction fn, String field, String as, String name) {

    /** The number of records, published as {@code as}. */
    public static AggregateSpec count(String as) {
        return new AggregateSpec(AggregateFunction.COUNT, null, as, null);
    }

    /** A built-in function of a field, published as {@code as}. */
    public static AggregateSpec of(AggregateFunction fn, String field, String as) {
        return new AggregateSpec(fn, field, as, null);
    }

    /** A custom aggregator registered under {@code name}, fed with {@code field} (or the whole value if {@code null}). */
    public static AggregateSpec custom(String name, String field, String as) {
        return new AggregateSpec(AggregateFunction.CUSTOM, field, as, name);
    }
}
