package org.hyperiot.streaming.engine.state;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A named key-value store of a task's state, kept in memory and made durable by reporting every
 * {@link #put} and {@link #delete} to a {@link StateChangeListener}. Restoring, from a snapshot or
 * from a changelog, does not report changes. Not thread-safe: a store belongs to one task.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface StateStore<K, V> {

    /** The store's name, unique within a task. */
    String name();

    /** The value of a key, or {@code null}. */
    V get(K key);

    /**
     * Sets the value of a key and reports the change. Values may be mutable objects changed in place:
     * {@code put} is what makes such a change durable.
     */
    void put(K key, V value);

    /** Removes a key, reporting a deletion if it was present. */
    void delete(K key);

    /** The number of keys. */
    int size();

    /** Visits every entry; the store must not be changed during the visit. */
    void forEach(BiConsumer<? super K, ? super V> action);

    /** Sets or replaces the listener that receives the changes; {@code null} for none. */
    void setChangeListener(StateChangeListener listener);

    /** The encoded content of the store, keys in their string form, sorted by key. */
    Map<String, byte[]> snapshot();

    /** Replaces the whole content with a snapshot's, without reporting changes. */
    void restore(Map<String, byte[]> snapshot);

    /** Applies one changelog entry, without reporting it. */
    void apply(StateChange change);

    /** Removes every entry without reporting changes. */
    void clear();
}
