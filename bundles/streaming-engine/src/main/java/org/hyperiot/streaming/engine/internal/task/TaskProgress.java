package org.hyperiot.streaming.engine.internal.task;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;
import org.hyperiot.streaming.engine.internal.time.WatermarkTracker;
import org.hyperiot.streaming.engine.state.ChangelogStateStore;
import org.hyperiot.streaming.engine.state.StateCodec;
import org.hyperiot.streaming.engine.state.StateKeyCodec;
import org.hyperiot.streaming.engine.state.StateStore;

/**
 * The task's own durable progress, kept in the store {@value #STORE}: the watermarks (entry
 * {@code watermark}) and the layout of the window state (entry {@code layout}). Watermarks must
 * survive a restart, or windows already published would be published again and records already
 * late would be accepted. They move with nearly every record, so they are written only when the
 * runtime prepares a commit rather than on every change.
 */
public final class TaskProgress {

    public static final String STORE = "task";
    private static final String WATERMARK = "watermark";
    private static final String LAYOUT = "layout";
    private static final int VERSION = 1;

    private static final StateKeyCodec<String> KEYS = new StateKeyCodec<>() {
        @Override
        public String encode(String key) {
            return key;
        }

        @Override
        public String decode(String text) {
            return text;
        }
    };

    private static final StateCodec<byte[]> BYTES = new StateCodec<>() {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    };

    private final StateStore<String, byte[]> store = new ChangelogStateStore<>(STORE, KEYS, BYTES);
    private final String layout;

    /** @param layout the window layout, or {@code null} when the pipeline has no window */
    public TaskProgress(String layout) {
        this.layout = layout;
    }

    public StateStore<String, byte[]> store() {
        return store;
    }

    /** Writes the current watermarks and the layout, reporting only what changed. */
    public void save(WatermarkTracker watermarks) {
        byte[] encoded = encode(watermarks);
        if (!Arrays.equals(encoded, store.get(WATERMARK))) {
            store.put(WATERMARK, encoded);
        }
        if (layout != null) {
            byte[] layoutBytes = layout.getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(layoutBytes, store.get(LAYOUT))) {
                store.put(LAYOUT, layoutBytes);
            }
        }
    }

    /** The layout recorded with restored state, or {@code null}. */
    public String restoredLayout() {
        byte[] bytes = store.get(LAYOUT);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Puts the restored watermarks into the tracker; returns the restored task watermark. */
    public long restoreInto(WatermarkTracker watermarks, long now) {
        byte[] bytes = store.get(WATERMARK);
        if (bytes == null) {
            return Long.MIN_VALUE;
        }
        StateReader in = new StateReader(bytes);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalStateException("unknown task progress version " + version);
        }
        long taskWatermark = in.readLong();
        int partitions = in.readInt();
        Map<SourcePartition, Long> maxEventTimes = new LinkedHashMap<>();
        for (int i = 0; i < partitions; i++) {
            SourcePartition partition = new SourcePartition(in.readString(), in.readInt());
            maxEventTimes.put(partition, in.readLong());
        }
        watermarks.restore(taskWatermark, maxEventTimes, now);
        return taskWatermark;
    }

    private static byte[] encode(WatermarkTracker watermarks) {
        Map<SourcePartition, Long> times = watermarks.maxEventTimes();
        StateWriter out = new StateWriter().writeInt(VERSION).writeLong(watermarks.current()).writeInt(times.size());
        // Sorted so that equal progress always encodes to equal bytes, whatever the arrival order.
        times.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.topic().equals(b.topic())
                        ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic())))
                .forEach(e -> out.writeString(e.getKey().topic()).writeInt(e.getKey().partition())
                        .writeLong(e.getValue()));
        return out.toByteArray();
    }
}
