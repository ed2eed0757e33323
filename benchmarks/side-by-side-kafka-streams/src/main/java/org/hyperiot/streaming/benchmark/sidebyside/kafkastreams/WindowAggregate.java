package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

/**
 * The running aggregate of one device's window: how many readings it holds and the sum of their
 * temperatures, from which the average follows.
 *
 * @param count          the number of readings added
 * @param temperatureSum the sum of their temperatures
 */
public record WindowAggregate(long count, double temperatureSum) {

    /** The aggregate of a window that holds no reading yet. */
    public static final WindowAggregate EMPTY = new WindowAggregate(0L, 0.0);

    /**
     * Returns the aggregate with one more reading.
     *
     * @param temperature the reading's temperature
     * @return a new aggregate; this one is unchanged
     */
    public WindowAggregate add(double temperature) {
        return new WindowAggregate(count + 1, temperatureSum + temperature);
    }

    /**
     * Returns the average temperature of the readings added, {@code NaN} for an empty aggregate.
     *
     * @return {@code temperatureSum / count}
     */
    public double averageTemperature() {
        return temperatureSum / count;
    }
}
