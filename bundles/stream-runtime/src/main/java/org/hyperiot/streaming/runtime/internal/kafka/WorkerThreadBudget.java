package org.hyperiot.streaming.runtime.internal.kafka;

/**
 * The worker threads this node may run for all its streams together ({@code max.worker.threads}).
 * A stream takes what it needs when it starts, or what is left, and gives it back when it stops.
 */
final class WorkerThreadBudget {

    private final int limit;
    private int taken;

    /** @param limit the most worker threads this node runs at once */
    WorkerThreadBudget(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Takes up to {@code wanted} threads and returns how many it took: fewer when fewer are left, 0 when none is. */
    synchronized int take(int wanted) {
        int granted = Math.max(0, Math.min(wanted, limit - taken));
        taken += granted;
        return granted;
    }

    /** Gives back {@code count} threads taken before. */
    synchronized void giveBack(int count) {
        taken = Math.max(0, taken - count);
    }

    /** The threads taken now. */
    synchronized int taken() {
        return taken;
    }
}
