package org.hyperiot.streaming.engine.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complete state of a task at one moment: every store's entries in encoded form, including the
 * task's own progress (its watermarks). It is a value: two snapshots are equal when they hold the same
 * bytes, and {@link #toBytes()} gives a self-contained form for checkpoint stores such as Storm's.
 *
 * @param stores store name to (key to encoded value), sorted
 */
public record TaskSnapshot(Map<String, Map<String, byte[]>> stores) {

    private static final int FORMAT_VERSION = 1;

    /** Keeps a sorted, unmodifiable copy. */
    public TaskSnapshot {
        Map<String, Map<String, byte[]>> copy = new TreeMap<>();
        stores.forEach((store, entries) -> copy.put(store, Collections.unmodifiableMap(new TreeMap<>(entries))));
        stores = Collections.unmodifiableMap(copy);
    }

    /** A snapshot without any state. */
    public static TaskSnapshot empty() {
        return new TaskSnapshot(Map.of());
    }

    /** The snapshot in a self-describing binary form. */
    public byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(FORMAT_VERSION);
            out.writeInt(stores.size());
            for (Map.Entry<String, Map<String, byte[]>> store : stores.entrySet()) {
                out.writeUTF(store.getKey());
                out.writeInt(store.getValue().size());
                for (Map.Entry<String, byte[]> entry : store.getValue().entrySet()) {
                    byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(key.length);
                    out.write(key);
                    out.writeInt(entry.getValue().length);
                    out.write(entry.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * Reads the form written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of a known version
     */
    public static TaskSnapshot fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown snapshot format version " + version);
            }
            Map<String, Map<String, byte[]>> stores = new TreeMap<>();
            int storeCount = in.readInt();
            for (int s = 0; s < storeCount; s++) {
                String store = in.readUTF();
                Map<String, byte[]> entries = new TreeMap<>();
                int entryCount = in.readInt();
                for (int e = 0; e < entryCount; e++) {
                    String key = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                    entries.put(key, in.readNBytes(in.readInt()));
                }
                stores.put(store, entries);
            }
            return new TaskSnapshot(stores);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a task snapshot: " + e.getMessage(), e);
        }
    }

    /** Equal when every store holds the same keys with the same bytes. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TaskSnapshot that) || !stores.keySet().equals(that.stores.keySet())) {
            return false;
        }
        for (Map.Entry<String, Map<String, byte[]>> store : stores.entrySet()) {
            Map<String, byte[]> mine = store.getValue();
            Map<String, byte[]> theirs = that.stores.get(store.getKey());
            if (!mine.keySet().equals(theirs.keySet())) {
                return false;
            }
            for (Map.Entry<String, byte[]> entry : mine.entrySet()) {
                if (!Arrays.equals(entry.getValue(), theirs.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        int hash = 1;
        for (Map.Entry<String, Map<String, byte[]>> store : stores.entrySet()) {
            for (Map.Entry<String, byte[]> entry : store.getValue().entrySet()) {
                hash = 31 * hash + store.getKey().hashCode() ^ entry.getKey().hashCode()
                        ^ Arrays.hashCode(entry.getValue());
            }
        }
        return hash;
    }

    /** Shows stores and entry counts. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TaskSnapshot[");
        stores.forEach((store, entries) -> text.append(store).append('=').append(entries.size()).append(" entries "));
        return text.append(']').toString();
    }
}
