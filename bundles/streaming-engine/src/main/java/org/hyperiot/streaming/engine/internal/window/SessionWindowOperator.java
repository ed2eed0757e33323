package org.hyperiot.streaming.engine.internal.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;

/**
 * Session windows. A record at {@code t} opens {@code [t, t + gap)}; every session of the same key
 * that overlaps it is merged with it into one window spanning them all. Closing, purging and
 * lateness follow {@link TimeWindowOperator}, applied to the merged window: a record is late only
 * when even its own window {@code [t, t + gap)}, merged with nothing, would already be purged.
 *
 * <p>When a late record extends or merges sessions that were already published, the merged session
 * is a new window with other bounds, published in turn; consumers see both results.
 */
final class SessionWindowOperator extends TimedWindowStage {

    private final long gap;
    private final Map<String, NavigableMap<Long, WindowId>> sessionsByKey = new HashMap<>();

    SessionWindowOperator(long gap, long allowedLateness, EmitMode emit, Aggregates aggregates, String layout) {
        super(allowedLateness, emit, aggregates, layout);
        this.gap = gap;
    }

    @Override
    public void process(StreamRecord record, WindowEmitter out) {
        long t = record.timestamp();
        long ownEnd = EventTimes.plus(t, gap);
        String key = record.key();
        NavigableMap<Long, WindowId> sessions = sessionsByKey.get(key);

        List<WindowId> overlapping = new ArrayList<>(2);
        long start = t;
        long end = ownEnd;
        if (sessions != null) {
            // Sessions of a key are disjoint, so walking down from the last one starting before
            // ownEnd finds every overlapping session and stops at the first that ends by t.
            for (WindowId session : sessions.headMap(ownEnd, false).descendingMap().values()) {
                if (session.end() <= t) {
                    break;
                }
                overlapping.add(0, session);
                start = Math.min(start, session.start());
                end = Math.max(end, session.end());
            }
        }
        if (EventTimes.plus(end, allowedLateness) <= watermark) {
            out.late(record, "session [" + t + ", " + ownEnd + ") of event time " + t
                    + " was closed and purged: watermark " + watermark
                    + " passed its end plus the allowed lateness of " + allowedLateness + " ms");
            return;
        }
        WindowId merged = new WindowId(key, start, end);

        // Everything that may throw (user aggregators) happens before the first change to state.
        Object[] row;
        boolean inPlace = overlapping.size() == 1 && overlapping.get(0).equals(merged);
        if (inPlace) {
            row = store.get(merged);
        } else if (overlapping.isEmpty()) {
            row = aggregates.create();
        } else {
            row = store.get(overlapping.get(0));
            for (int i = 1; i < overlapping.size(); i++) {
                row = aggregates.merge(row, store.get(overlapping.get(i)));
            }
        }
        Object[] prepared = aggregates.prepare(row, record);

        if (!inPlace) {
            for (WindowId old : overlapping) {
                remove(old);
            }
        }
        aggregates.apply(row, record, prepared);
        store.put(merged, row);
        if (!inPlace) {
            sessionsByKey.computeIfAbsent(key, k -> new TreeMap<>()).put(merged.start(), merged);
            timers.add(new Timer(firstTimer(merged), merged));
        }
        if (!onClose || merged.end() <= watermark) {
            out.result(results.ofTimeWindow(merged, row));
        }
    }

    private void remove(WindowId session) {
        store.delete(session);
        timers.remove(new Timer(firstTimer(session), session));
        timers.remove(new Timer(EventTimes.plus(session.end(), allowedLateness), session));
        NavigableMap<Long, WindowId> sessions = sessionsByKey.get(session.key());
        if (sessions != null) {
            sessions.remove(session.start());
            if (sessions.isEmpty()) {
                sessionsByKey.remove(session.key());
            }
        }
    }

    @Override
    protected void purge(WindowId id) {
        remove(id);
    }

    @Override
    public void restored(long restoredWatermark) {
        watermark = restoredWatermark;
        timers.clear();
        sessionsByKey.clear();
        store.forEach((id, row) -> {
            timers.add(new Timer(firstTimer(id), id));
            sessionsByKey.computeIfAbsent(id.key(), k -> new TreeMap<>()).put(id.start(), id);
        });
    }
}
