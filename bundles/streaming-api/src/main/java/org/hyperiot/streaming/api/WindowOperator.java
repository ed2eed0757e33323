package org.hyperiot.streaming.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups records by their current key into windows and publishes one JSON result per window and key:
 * {@code {"key": …, "windowStart": …, "windowEnd": …, <as>: <aggregate>, …}}, keyed by the window
 * key. Without a preceding {@code keyBy} the key is the source record key; records with a
 * {@code null} key form one group. A time window's result has the timestamp {@code windowEnd - 1},
 * the last millisecond it covers; a count window's result has the event time of its latest record.
 * A window operator must be the last operator of a pipeline.
 *
 * @param window           the window shape
 * @param allowedLateness  how long after a time window closes late records still update it; zero
 *                         for count windows
 * @param emit             when results are published
 * @param aggregates       the aggregates, in the order they appear in the result ({@code aggregate} in JSON)
 */
public record WindowOperator(WindowSpec window, Duration allowedLateness, EmitMode emit,
                             List<AggregateSpec> aggregates) implements Operator {

    /** The allowed lateness used when none is given. */
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;
    /** The emit mode used when none is given. */
    public static final EmitMode DEFAULT_EMIT = EmitMode.ON_CLOSE;

    /** Keeps an unmodifiable copy of the aggregates. */
    public WindowOperator {
        aggregates = aggregates == null ? null : List.copyOf(aggregates);
    }

    /** Returns {@code window}. */
    @Override
    public String op() {
        return "window";
    }

    /** Starts a tumbling window of the given size. */
    public static Builder tumbling(Duration size) {
        return new Builder(new TumblingWindow(size));
    }

    /** Starts a sliding window of the given size, starting every {@code slide}. */
    public static Builder sliding(Duration size, Duration slide) {
        return new Builder(new SlidingWindow(size, slide));
    }

    /** Starts a session window closed by the given gap. */
    public static Builder session(Duration gap) {
        return new Builder(new SessionWindow(gap));
    }

    /** Starts a count window of {@code size} records, non-overlapping. */
    public static Builder count(long size) {
        return new Builder(new CountWindow(size, size));
    }

    /** Starts a count window of {@code size} records, a new one every {@code slide} records. */
    public static Builder count(long size, long slide) {
        return new Builder(new CountWindow(size, slide));
    }

    /**
     * Fluent construction of a {@link WindowOperator}, with the same defaults as the JSON reader:
     * no allowed lateness and {@link EmitMode#ON_CLOSE}. The builder does not validate; the engine's
     * validator reports problems with the built definition.
     */
    public static final class Builder {

        private final WindowSpec window;
        private Duration allowedLateness = DEFAULT_ALLOWED_LATENESS;
        private EmitMode emit = DEFAULT_EMIT;
        private final List<AggregateSpec> aggregates = new ArrayList<>();

        private Builder(WindowSpec window) {
            this.window = window;
        }

        /** Sets how long after closing a time window still accepts late records. */
        public Builder allowedLateness(Duration lateness) {
            this.allowedLateness = lateness;
            return this;
        }

        /** Sets when results are published. */
        public Builder emit(EmitMode mode) {
            this.emit = mode;
            return this;
        }

        /** Adds any aggregate. */
        public Builder aggregate(AggregateSpec aggregate) {
            aggregates.add(aggregate);
            return this;
        }

        /** Adds the number of records, published as {@code as}. */
        public Builder count(String as) {
            return aggregate(AggregateSpec.count(as));
        }

        /** Adds the sum of a numeric field. */
        public Builder sum(String field, String as) {
            return aggregate(AggregateSpec.of(AggregateFunction.SUM, field, as));
        }

        /** Adds the mean of a numeric field. */
        public Builder avg(String field, String as) {
            return aggregate(AggregateSpec.of(AggregateFunction.AVG, field, as));
        }

        /** Adds the minimum of a numeric field. */
        public Builder min(String field, String as) {
            return aggregate(AggregateSpec.of(AggregateFunction.MIN, field, as));
        }

        /** Adds the maximum of a numeric field. */
        public Builder max(String field, String as) {
            return aggregate(AggregateSpec.of(AggregateFunction.MAX, field, as));
        }

        /** Adds the field of the earliest record ({@code field == null} for the whole value). */
        public Builder first(String field, String as) {
            return aggregate(AggregateSpec.of(AggregateFunction.FIRST, field, as));
        }

        /** Adds the field of the latest record ({@code field == null} for the whole value). */
        public Builder last(String field, String as) {
            return aggregate(AggregateSpec.of(AggregateFunction.LAST, field, as));
        }

        /** Adds a custom aggregator registered under {@code name}. */
        public Builder custom(String name, String field, String as) {
            return aggregate(AggregateSpec.custom(name, field, as));
        }

        /** The window operator as configured so far. */
        public WindowOperator build() {
            return new WindowOperator(window, allowedLateness, emit, aggregates);
        }
    }
}
