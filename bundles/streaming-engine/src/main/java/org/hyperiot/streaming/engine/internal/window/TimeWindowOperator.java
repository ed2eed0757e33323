package org.hyperiot.streaming.engine.internal.window;


import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;

/**
 * Tumbling and sliding windows. A window {@code [start, end)} closes when the watermark reaches
 * {@code end}: no on-time record can fall in it any more, because on-time records are never behind
 * the watermark. It is purged when the watermark reaches {@code end + allowedLateness}; until then a
 * late record still updates it (and, on-close, publishes the update at once). A record whose windows
 * are all purged is late.
 */
final class TimeWindowOperator extends TimedWindowStage {

    private final TimeWindowAssigner assigner;

    // Scratch space for one record; the operator is driven by one thread and never re-entered.
    private final long[] starts;
    private final long[] accepted;
    private final WindowId[] ids;
    private final Object[][] rows;
    private final Object[][] prepared;
    private final boolean[] fresh;

    TimeWindowOperator(TimeWindowAssigner assigner, long allowedLateness, EmitMode emit, Aggregates aggregates,
                       String layout) {
        super(allowedLateness, emit, aggregates, layout);
        this.assigner = assigner;
        int n = assigner.maxWindowsPerRecord();
        this.starts = new long[n];
        this.accepted = new long[n];
        this.ids = new WindowId[n];
        this.rows = new Object[n][];
        this.prepared = new Object[n][];
        this.fresh = new boolean[n];
    }

    @Override
    public void process(StreamRecord record, WindowEmitter out) {
        long size = assigner.size();
        int assigned = assigner.assign(record.timestamp(), starts);
        int count = 0;
        for (int i = 0; i < assigned; i++) {
            if (EventTimes.plus(starts[i] + size, allowedLateness) > watermark) {
                accepted[count++] = starts[i];
            }
        }
        if (count == 0) {
            long lastStart = starts[assigned - 1];
            out.late(record, "window [" + lastStart + ", " + (lastStart + size) + ") of event time "
                    + record.timestamp() + " was closed and purged: watermark " + watermark
                    + " passed its end plus the allowed lateness of " + allowedLateness + " ms");
            return;
        }
        String key = record.key();
        for (int i = 0; i < count; i++) {
            WindowId id = new WindowId(key, accepted[i], accepted[i] + size);
            Object[] row = store.get(id);
            fresh[i] = row == null;
            ids[i] = id;
            rows[i] = fresh[i] ? aggregates.create() : row;
            prepared[i] = aggregates.prepare(rows[i], record);
        }
        for (int i = 0; i < count; i++) {
            WindowId id = ids[i];
            aggregates.apply(rows[i], record, prepared[i]);
            store.put(id, rows[i]);
            if (fresh[i]) {
                timers.add(new Timer(firstTimer(id), id));
            }
            if (!onClose || id.end() <= watermark) {
                out.result(results.ofTimeWindow(id, rows[i]));
            }
            ids[i] = null;
            rows[i] = null;
            prepared[i] = null;
        }
    }

    @Override
    protected void purge(WindowId id) {
        store.delete(id);
    }

    @Override
    public void restored(long restoredWatermark) {
        watermark = restoredWatermark;
        timers.clear();
        store.forEach((id, row) -> timers.add(new Timer(firstTimer(id), id)));
    }
}
