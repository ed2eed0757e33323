package org.hyperiot.streaming.engine.internal.window;

import java.util.TreeSet;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;
import org.hyperiot.streaming.engine.state.ChangelogStateStore;

/**
 * An event-time window operator (time and session windows): each window has a timer at its end,
 * when an on-close result is published, and one at its end plus the allowed lateness, when it is
 * purged. Subclasses decide which windows a record belongs to and how a window is purged.
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

    /** The next timer of a window: its end while an on-close result is still due, else its purge time. */
    protected long firstTimer(WindowId id) {
        return onClose && id.end() > watermark ? id.end() : EventTimes.plus(id.end(), allowedLateness);
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
            if (onClose && timer.time() == id.end()) {
                out.result(results.ofTimeWindow(id, row));
            }
            long purgeAt = EventTimes.plus(id.end(), allowedLateness);
            if (purgeAt <= watermark) {
                purge(id);
            } else {
                timers.add(new Timer(purgeAt, id));
            }
        }
    }
}
