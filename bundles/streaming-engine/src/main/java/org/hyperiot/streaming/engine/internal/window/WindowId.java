package org.hyperiot.streaming.engine.internal.window;

import java.util.Comparator;

import org.hyperiot.streaming.engine.state.StateKeyCodec;

/**
 * One event-time window of one key: {@code [start, end)}.
 *
 * @param key   the window key, {@code null} for records without a key
 * @param start the first millisecond in the window
 * @param end   the first millisecond after the window
 */
public record WindowId(String key, long start, long end) {

    /** Emission order: by end, then start, then key ({@code null} first). */
    public static final Comparator<WindowId> ORDER = Comparator.comparingLong(WindowId::end)
            .thenComparingLong(WindowId::start)
            .thenComparing(WindowId::key, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Keys in the changelog read {@code <start>:<end>:=<key>}, or {@code <start>:<end>:~} for the null key. */
    public static final StateKeyCodec<WindowId> KEY_CODEC = new StateKeyCodec<>() {
        @Override
        public String encode(WindowId id) {
            return id.start + ":" + id.end + ":" + WindowKeys.encode(id.key);
        }

        @Override
        public WindowId decode(String text) {
            int first = text.indexOf(':');
            int second = text.indexOf(':', first + 1);
            if (first < 0 || second < 0) {
                throw new IllegalArgumentException("not a window key: " + text);
            }
            return new WindowId(WindowKeys.decode(text.substring(second + 1)),
                    Long.parseLong(text.substring(0, first)), Long.parseLong(text.substring(first + 1, second)));
        }
    };
}
