package org.hyperiot.streaming.engine.internal.time;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.engine.SourcePartition;

/**
 * The event-time watermark of a task. Each source partition's watermark is the highest event time
 * seen on it minus {@code maxOutOfOrderness}; the task watermark is the lowest of them, leaving out
 * partitions that have had no record for {@code idleTimeout} of processing time. When every partition
 * is idle the highest partition watermark is used, so that the last windows still close when input
 * stops. The task watermark never goes backwards.
 *
 * <p>A partition that is registered but has not delivered a record holds the watermark back
 * ({@link Long#MIN_VALUE}) until it delivers one or becomes idle.
 *
 * <p>Idleness is either timed, from the records a partition delivers, or, behind a repartition,
 * {@linkplain #declared declared} by whoever reads the partition: a windowing task cannot tell a quiet
 * partition from one whose reader is dead or moving (its records are only delayed then, and timing
 * them out would make them late), so it counts a partition idle only while the routing stage says so.
 */
public final class WatermarkTracker {

    private static final long NONE = Long.MIN_VALUE;

    private final long maxOutOfOrderness;
    private final long idleTimeout;
    private final boolean followsClock;
    private final boolean declaredIdleness;
    private final Map<SourcePartition, PartitionClock> partitions = new LinkedHashMap<>();
    private PartitionClock[] clocks = new PartitionClock[0];
    private SourcePartition lastPartition;
    private PartitionClock lastClock;
    private long watermark = NONE;

    private static final class PartitionClock {
        long maxEventTime = NONE;
        long lastActivity;
        boolean declaredIdle;
    }

    /**
     * @param maxOutOfOrderness allowed disorder in milliseconds
     * @param idleTimeout       idle timeout in milliseconds, or {@code <= 0} for none
     * @param followsClock      true when event time is processing time, so that advancing the clock
     *                          advances every partition
     */
    public WatermarkTracker(long maxOutOfOrderness, long idleTimeout, boolean followsClock) {
        this(maxOutOfOrderness, idleTimeout, followsClock, false);
    }

    private WatermarkTracker(long maxOutOfOrderness, long idleTimeout, boolean followsClock, boolean declaredIdleness) {
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.idleTimeout = idleTimeout <= 0 ? Long.MAX_VALUE : idleTimeout;
        this.followsClock = followsClock;
        this.declaredIdleness = declaredIdleness;
    }

    /**
     * A tracker whose partitions are idle only while {@link #onProgress} says so, never by the passing
     * of time: the tracker of a windowing task, fed by routing tasks that time their partitions.
     */
    public static WatermarkTracker declared(long maxOutOfOrderness, boolean followsClock) {
        return new WatermarkTracker(maxOutOfOrderness, 0, followsClock, true);
    }

    /** Starts tracking a partition; its idle time counts from {@code now}. */
    public void register(SourcePartition partition, long now) {
        clockOf(partition, now);
    }

    /** Stops tracking a partition, for example when it is revoked. */
    public void unregister(SourcePartition partition) {
        if (partitions.remove(partition) != null) {
            clocks = partitions.values().toArray(new PartitionClock[0]);
            lastPartition = null;
            lastClock = null;
        }
    }

    /**
     * Accounts for a record of a partition.
     *
     * @return true if the task watermark advanced
     */
    public boolean onRecord(SourcePartition partition, long eventTime, long now) {
        PartitionClock clock = partition.equals(lastPartition) ? lastClock : clockOf(partition, now);
        clock.lastActivity = now;
        // A record shows the partition delivers again; the task watermark never goes back, so waking
        // up needs no recomputing.
        clock.declaredIdle = false;
        if (eventTime <= clock.maxEventTime) {
            // The partition's watermark did not move, so the minimum cannot have moved either unless
            // idleness changed, which only the passing of processing time (advance) changes.
            return false;
        }
        clock.maxEventTime = eventTime;
        return recompute(now);
    }

    /**
     * Accounts for a progress report of a partition (a {@link #declared} tracker): the highest event
     * time read from it ({@link Long#MIN_VALUE} if none yet), and whether it is idle.
     *
     * @return true if the task watermark advanced
     */
    public boolean onProgress(SourcePartition partition, long maxEventTime, boolean idle, long now) {
        PartitionClock clock = partition.equals(lastPartition) ? lastClock : clockOf(partition, now);
        clock.lastActivity = now;
        clock.declaredIdle = idle;
        clock.maxEventTime = Math.max(clock.maxEventTime, maxEventTime);
        return recompute(now);
    }

    /** True when {@code partition} has delivered no record for {@code idleTimeout} (a timed tracker). */
    public boolean isIdle(SourcePartition partition, long now) {
        PartitionClock clock = partitions.get(partition);
        return clock != null && isIdle(clock, now);
    }

    private boolean isIdle(PartitionClock clock, long now) {
        return declaredIdleness ? clock.declaredIdle : now - clock.lastActivity >= idleTimeout;
    }

    /**
     * Re-evaluates idleness (and, for processing time, the clock itself) at {@code now}.
     *
     * @return true if the task watermark advanced
     */
    public boolean advance(long now) {
        if (followsClock) {
            for (PartitionClock clock : clocks) {
                clock.maxEventTime = Math.max(clock.maxEventTime, now);
            }
        }
        return recompute(now);
    }

    private boolean recompute(long now) {
        if (clocks.length == 0) {
            return false;
        }
        long lowestActive = Long.MAX_VALUE;
        long highest = NONE;
        boolean anyActive = false;
        for (PartitionClock clock : clocks) {
            long partitionWatermark = partitionWatermark(clock);
            highest = Math.max(highest, partitionWatermark);
            if (!isIdle(clock, now)) {
                anyActive = true;
                lowestActive = Math.min(lowestActive, partitionWatermark);
            }
        }
        long candidate = anyActive ? lowestActive : highest;
        if (candidate > watermark) {
            watermark = candidate;
            return true;
        }
        return false;
    }

    private long partitionWatermark(PartitionClock clock) {
        if (clock.maxEventTime == NONE) {
            return NONE;
        }
        long value = clock.maxEventTime - maxOutOfOrderness;
        return value > clock.maxEventTime ? NONE : value;
    }

    private PartitionClock clockOf(SourcePartition partition, long now) {
        PartitionClock clock = partitions.get(partition);
        if (clock == null) {
            clock = new PartitionClock();
            clock.lastActivity = now;
            partitions.put(partition, clock);
            clocks = partitions.values().toArray(new PartitionClock[0]);
        }
        lastPartition = partition;
        lastClock = clock;
        return clock;
    }

    /** The task watermark, {@link Long#MIN_VALUE} before the first. */
    public long current() {
        return watermark;
    }

    /** Moves the watermark to the end of time, closing every window: the input is finished. */
    public void finish() {
        watermark = Long.MAX_VALUE;
    }

    /** The highest event time seen per partition, for checkpoints; partitions without records are left out. */
    public Map<SourcePartition, Long> maxEventTimes() {
        Map<SourcePartition, Long> times = new LinkedHashMap<>();
        partitions.forEach((partition, clock) -> {
            if (clock.maxEventTime != NONE) {
                times.put(partition, clock.maxEventTime);
            }
        });
        return Collections.unmodifiableMap(times);
    }

    /** The partitions being tracked. */
    public List<SourcePartition> partitions() {
        return new ArrayList<>(partitions.keySet());
    }

    /**
     * Restores checkpointed progress: the task watermark and the highest event time per partition.
     * Idle times restart from {@code now}.
     */
    public void restore(long taskWatermark, Map<SourcePartition, Long> maxEventTimes, long now) {
        maxEventTimes.forEach((partition, time) -> {
            PartitionClock clock = clockOf(partition, now);
            clock.maxEventTime = Math.max(clock.maxEventTime, time);
        });
        watermark = Math.max(watermark, taskWatermark);
    }
}
