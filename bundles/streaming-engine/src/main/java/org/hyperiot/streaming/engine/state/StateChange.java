package org.hyperiot.streaming.engine.state;

import java.util.Arrays;
import java.util.Objects;

/**
 * One change to a state store, in the form a compacted changelog keeps: the latest change per
 * {@code (store, key)} is the current value, and a {@code null} value (a tombstone) deletes the key.
 *
 * @param store the name of the store
 * @param key   the entry's key in its string form
 * @param value the entry's encoded value, or {@code null} for a deletion
 */
public record StateChange(String store, String key, byte[] value) {

    /** True when this change deletes the key. */
    public boolean isDeletion() {
        return value == null;
    }

    /** Equal when store, key and value bytes are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StateChange that
                && store.equals(that.store) && key.equals(that.key) && Arrays.equals(value, that.value);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(store, key, Arrays.hashCode(value));
    }

    /** Shows the value by length. */
    @Override
    public String toString() {
        return "StateChange[" + store + "/" + key + (value == null ? " deleted]" : " = " + value.length + " bytes]");
    }
}
