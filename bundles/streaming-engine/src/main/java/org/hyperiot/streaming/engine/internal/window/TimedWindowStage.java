package org.hyperiot.streaming.engine.internal.window;

import java.util.TreeSet;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;
import org.hyperiot.streaming.engine.state.ChangelogStateStore;

/**
 * An event-time window operator (time and session windows): each window has a timer at its close
 * time, when an on-close result is published, and one at its close time plus the allowed lateness,
 * when it is purged. Subclasses decide which windows a record belongs to and how a window is purged.
 */
abstract class TimedWindowStage extends AggregatingWindowStage<WindowId, Object[]> {

    static final String STORE = "windows";

    protected final long allowedLateness;
    protected final boolean onClose;
    protected final WindowResults results;
    protected final TreeSet<Timer> timers = new TreeSet<>(Timer.ORDER);

    TimedWindowStage(long allowedLateness, EmitMode emit, Aggregates aggregates, String layout) {
        super(aggregates, new ChangelogStateStore<>(STORE, WindowId.KEY_CODEC, new RowCodec(aggregates)), layout);
        this.allowedLateness = allowedLateness;
        this.onClose = emit == EmitMode.ON_CLOSE;
        this.results = new WindowResults(aggregates);
    }

    /**
     * The watermark at which no on-time record can join the window any more, so that its on-close
     * result is final: its end for time windows.
     */
    protected long closeTime(WindowId id) {
        return id.end();
    }

    /** The watermark at which the window is purged and records for it are late. */
    protected final long purgeTime(WindowId id) {
        return EventTimes.plus(closeTime(id), allowedLateness);
    }

    /** The next timer of a window: its close time while an on-close result is still due, else its purge time. */
    protected long firstTimer(WindowId id) {
        return onClose && closeTime(id) > watermark ? closeTime(id) : purgeTime(id);
    }

    /** Removes a window whose allowed lateness has passed, with whatever the subclass indexes for it. */
    protected abstract void purge(WindowId id);

    @Override
    public void advanceTo(long newWatermark, WindowEmitter out) {
        if (newWatermark <= watermark) {
            return;
        }
        watermark = newWatermark;
        while (!timers.isEmpty() && timers.first().time() <= watermark) {
            Timer timer = timers.pollFirst();
            WindowId id = timer.window();
            Object[] row = store.get(id);
            if (row == null) {
                continue;
            }
            if (onClose && timer.time() == closeTime(id)) {
                out.result(results.ofTimeWindow(id, row));
            }
            long purgeAt = purgeTime(id);
            if (purgeAt <= watermark) {
                purge(id);
            } else {
                timers.add(new Timer(purgeAt, id));
            }
        }
    }
}
