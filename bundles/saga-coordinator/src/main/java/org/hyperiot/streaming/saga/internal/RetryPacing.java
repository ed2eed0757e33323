package org.hyperiot.streaming.saga.internal;

import java.time.Duration;

/** The pause after each failure in a row, doubling from a first pause up to a longest one. Not thread-safe. */
public final class RetryPacing {

    private final Duration first;
    private final Duration longest;
    private int failuresInARow;

    public RetryPacing(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest.compareTo(first) < 0 ? first : longest;
    }

    /** Counts a failure and gives the pause before the next try. */
    public Duration failed() {
        failuresInARow++;
        int doublings = Math.min(failuresInARow - 1, 20);
        Duration pause = first.multipliedBy(1L << doublings);
        return pause.compareTo(longest) > 0 ? longest : pause;
    }

    /** Counts a success: the next failure starts from the first pause. */
    public void succeeded() {
        failuresInARow = 0;
    }

    public int failuresInARow() {
        return failuresInARow;
    }
}
