package org.hyperiot.streaming.engine.state;

/**
 * Converts the values of a store to and from bytes for snapshots and changelogs.
 *
 * @param <V> the value type
 */
public interface StateCodec<V> {

    /** The bytes of a value; equal values give equal bytes. */
    byte[] encode(V value);

    /** The value of bytes written by {@link #encode}. */
    V decode(byte[] bytes);
}
