package org.hyperiot.streaming.api;

/**
 * A custom window aggregate. Register it as an OSGi service with the property
 * {@value #NAME_PROPERTY}{@code =<name>}; a window aggregate
 * {@code {"fn": "custom", "name": "<name>", "field": "temp", "as": "p95"}} uses it.
 *
 * <p>An accumulator holds the partial aggregate of one window. It is checkpointed with the window
 * state, so it must be a JSON-like tree: {@code Map<String, ?>}, {@code List}, {@code String},
 * {@code Long}, {@code Integer}, {@code Double}, {@code BigDecimal}, {@code BigInteger},
 * {@code Boolean} or {@code null}. Methods are called from one task thread at a time but the same
 * instance may serve several tasks, so keep no state in fields. Treat accumulators as values: return
 * the new accumulator and leave the one received unchanged if you throw. An exception in {@link #add}
 * dead-letters the record being added.
 */
public interface StreamAggregator {

    /** The service property that names an aggregator. */
    String NAME_PROPERTY = "hyperiot.streaming.aggregator.name";

    /** The accumulator of an empty window. */
    Object createAccumulator();

    /**
     * Adds one value to an accumulator.
     *
     * @param accumulator the window's accumulator
     * @param value       the aggregate's field of the record (or the whole value if no field is set);
     *                    records without the field are not added
     * @return the accumulator including the value
     */
    Object add(Object accumulator, Object value);

    /**
     * Combines two accumulators of the same key; used when session windows merge.
     *
     * @param first  the accumulator of the earlier window
     * @param second the accumulator of the later window
     * @return an accumulator equivalent to having added both windows' values
     */
    Object merge(Object first, Object second);

    /** The aggregate value published in the window result, a JSON-like tree. */
    Object result(Object accumulator);
}
