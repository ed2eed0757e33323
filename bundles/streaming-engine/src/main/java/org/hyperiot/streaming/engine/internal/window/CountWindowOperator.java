package org.hyperiot.streaming.engine.internal.window;

import java.util.Iterator;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;
import org.hyperiot.streaming.engine.state.ChangelogStateStore;

/**
 * Count windows: per key, the records numbered {@code [k*slide, k*slide + size)} in the order the
 * task receives them. A window closes when its last record arrives; windows still filling are never
 * published on-close, not even at end of input. The result's {@code windowStart} and
 * {@code windowEnd} are the earliest and latest event time among its records, and its timestamp is
 * {@code windowEnd}. Watermarks play no part, so nothing is ever late.
 */
final class CountWindowOperator extends AggregatingWindowStage<String, CountWindowState> {

    static final String STORE = "count-windows";

    private final long size;
    private final long slide;
    private final boolean onClose;
    private final WindowResults results;

    CountWindowOperator(long size, long slide, EmitMode emit, Aggregates aggregates, String layout) {
        super(aggregates, new ChangelogStateStore<>(STORE, WindowKeys.CODEC, new CountWindowState.Codec(aggregates)), layout);
        this.size = size;
        this.slide = slide;
        this.onClose = emit == EmitMode.ON_CLOSE;
        this.results = new WindowResults(aggregates);
    }

    @Override
    public void process(StreamRecord record, WindowEmitter out) {
        String key = record.key();
        CountWindowState state = store.get(key);
        if (state == null) {
            state = new CountWindowState();
        }
        long index = state.seen;
        int slots = state.open.size();
        boolean opensWindow = index % slide == 0;
        Object[] newRow = opensWindow ? aggregates.create() : null;

        // Everything that may throw (user aggregators) happens before the first change to state.
        Object[][] prepared = new Object[slots + 1][];
        for (int i = 0; i < slots; i++) {
            prepared[i] = aggregates.prepare(state.open.get(i).row, record);
        }
        if (opensWindow) {
            prepared[slots] = aggregates.prepare(newRow, record);
            state.open.add(new CountWindowState.Slot(index, newRow));
        }

        state.seen = index + 1;
        long time = record.timestamp();
        Iterator<CountWindowState.Slot> it = state.open.iterator();
        for (int i = 0; it.hasNext(); i++) {
            CountWindowState.Slot slot = it.next();
            aggregates.apply(slot.row, record, prepared[i]);
            slot.minTime = Math.min(slot.minTime, time);
            slot.maxTime = Math.max(slot.maxTime, time);
            boolean full = index == slot.firstIndex + size - 1;
            if (!onClose || full) {
                out.result(results.of(key, slot.minTime, slot.maxTime, slot.maxTime, slot.row));
            }
            if (full) {
                it.remove();
            }
        }
        if (state.open.isEmpty() && state.seen % slide == 0) {
            // Nothing is filling and the next record starts a window as a fresh key would, so the
            // key needs no state at all (always the case between tumbling count windows).
            store.delete(key);
        } else {
            store.put(key, state);
        }
    }

    @Override
    public void advanceTo(long newWatermark, WindowEmitter out) {
        watermark = Math.max(watermark, newWatermark);
    }

    @Override
    public void restored(long restoredWatermark) {
        watermark = restoredWatermark;
    }
}
