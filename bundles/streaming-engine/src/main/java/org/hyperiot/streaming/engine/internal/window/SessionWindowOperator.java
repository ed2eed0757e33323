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
 * Session windows. Records of one key at a distance of at most {@code gap} belong to one session,
 * as in Kafka Streams and Flink: a record at {@code t} opens {@code [t, t + gap)} and is merged with
 * every session of the same key that overlaps or touches it (a session ending exactly at {@code t},
 * or starting exactly at {@code t + gap}). Closing, purging and lateness follow
 * {@link TimeWindowOperator}, applied to the merged window: a record is late only when the merged
 * window would already be purged.
 *
 * <p>A merge or extension replaces sessions with a window of other bounds. Each replaced session
 * that was already published (on-close: its end has passed the watermark; every-update: always)
 * gets a retraction, {@code {"key", "windowStart", "windowEnd", "retracted": true}}, before the new
 * session's result, so that a consumer summing results per window stays right.
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
            // Sessions of a key are more than a gap apart, so walking down from the last one starting
            // at or before ownEnd finds every session within reach and stops at the first ending before t.
            for (WindowId session : sessions.headMap(ownEnd, true).descendingMap().values()) {
                if (session.end() < t) {
                    break;
                }
                overlapping.add(0, session);
                start = Math.min(start, session.start());
                end = Math.max(end, session.end());
            }
        }
        WindowId merged = new WindowId(key, start, end);
        if (purgeTime(merged) <= watermark) {
            out.late(record, "session [" + t + ", " + ownEnd + ") of event time " + t
                    + " was closed and purged: watermark " + watermark
                    + " passed its end plus the allowed lateness of " + allowedLateness + " ms");
            return;
        }

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
                if (!onClose || closeTime(old) <= watermark) {
                    out.result(results.retraction(old));
                }
                remove(old);
            }
        }
        aggregates.apply(row, record, prepared);
        store.put(merged, row);
        if (!inPlace) {
            sessionsByKey.computeIfAbsent(key, k -> new TreeMap<>()).put(merged.start(), merged);
            timers.add(new Timer(firstTimer(merged), merged));
        }
        if (!onClose || closeTime(merged) <= watermark) {
            out.result(results.ofTimeWindow(merged, row));
        }
    }

    private void remove(WindowId session) {
        store.delete(session);
        timers.remove(new Timer(firstTimer(session), session));
        timers.remove(new Timer(purgeTime(session), session));
        NavigableMap<Long, WindowId> sessions = sessionsByKey.get(session.key());
        if (sessions != null) {
            sessions.remove(session.start());
            if (sessions.isEmpty()) {
                sessionsByKey.remove(session.key());
            }
        }
    }

    /**
     * A record exactly {@code gap} after the session's last one still joins it, and that record is on
     * time while the watermark has not passed the session's end: so a session closes one
     * millisecond after its end.
     */
    @Override
    protected long closeTime(WindowId id) {
        return EventTimes.plus(id.end(), 1);
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
