package org.hyperiot.streaming.engine.internal.task;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.internal.time.WatermarkTracker;

/**
 * What a routing task tells the windowing tasks about its source partitions: each partition's highest
 * event time and whether it is idle, when that changed, and again every half {@code idleTimeout}.
 *
 * <p>Idleness is timed here, where the partition is read: a windowing task cannot tell a quiet
 * partition from one whose routing task is dead or moving, so it takes a partition for idle only on
 * this report. The repeats tell a windowing task that restarted, and so lost what it was told. A
 * routing task keeps no state: a new owner of the partition reports again from the records it reads,
 * and the windowing tasks keep the highest event time they were told.
 */
public final class ProgressReports {

    private record Report(long maxEventTime, boolean idle, long at) {
    }

    /** The progress of each partition last reported, and when. */
    private final Map<SourcePartition, Report> reported = new HashMap<>();
    /** How often an unchanged progress is reported again; 0 for only on change. */
    private final long keepAliveInterval;

    /** @param idleTimeout the stream's {@code watermark.idleTimeout}, {@code null} when it has none */
    public ProgressReports(Duration idleTimeout) {
        this.keepAliveInterval = idleTimeout == null || idleTimeout.toMillis() <= 0 ? 0
                : Math.max(1, idleTimeout.toMillis() / 2);
    }

    /** Sends the reports that are due at {@code now} through {@code router}. */
    public void report(WatermarkTracker watermarks, long now, OutputRouter router) {
        Map<SourcePartition, Long> maxEventTimes = watermarks.maxEventTimes();
        for (SourcePartition partition : watermarks.partitions()) {
            long maxEventTime = maxEventTimes.getOrDefault(partition, Long.MIN_VALUE);
            boolean idle = watermarks.isIdle(partition, now);
            Report last = reported.get(partition);
            boolean due = last == null
                    ? maxEventTime != Long.MIN_VALUE || idle
                    : maxEventTime > last.maxEventTime() || idle != last.idle()
                            || (keepAliveInterval > 0 && now - last.at() >= keepAliveInterval);
            if (due) {
                reported.put(partition, new Report(maxEventTime, idle, now));
                router.progress(partition, maxEventTime, idle);
            }
        }
    }
}
