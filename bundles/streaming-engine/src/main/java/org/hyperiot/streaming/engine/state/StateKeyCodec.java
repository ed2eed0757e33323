package org.hyperiot.streaming.engine.state;

/**
 * Converts the keys of a store to and from the strings used in snapshots and changelogs; the mapping
 * must be one-to-one.
 *
 * @param <K> the key type
 */
public interface StateKeyCodec<K> {

    /** The string form of a key. */
    String encode(K key);

    /** The key of a string written by {@link #encode}. */
    K decode(String text);
}
