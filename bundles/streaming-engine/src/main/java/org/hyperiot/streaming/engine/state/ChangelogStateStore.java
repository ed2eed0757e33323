package org.hyperiot.streaming.engine.state;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The in-memory {@link StateStore}: a hash map whose every change is encoded and reported to the
 * listener. Values are encoded before the map is updated, so a value that cannot be encoded leaves
 * the store unchanged. Without a listener nothing is encoded, which keeps pure in-memory use cheap.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ChangelogStateStore<K, V> implements StateStore<K, V> {

    private final String name;
    private final StateKeyCodec<K> keyCodec;
    private final StateCodec<V> valueCodec;
    private final Map<K, V> entries = new HashMap<>();
    private StateChangeListener listener;

    /** Creates an empty store. */
    public ChangelogStateStore(String name, StateKeyCodec<K> keyCodec, StateCodec<V> valueCodec) {
        this.name = name;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public V get(K key) {
        return entries.get(key);
    }

    @Override
    public void put(K key, V value) {
        if (listener == null) {
            entries.put(key, value);
            return;
        }
        byte[] encoded = valueCodec.encode(value);
        entries.put(key, value);
        listener.onChange(new StateChange(name, keyCodec.encode(key), encoded));
    }

    @Override
    public void delete(K key) {
        if (entries.remove(key) != null && listener != null) {
            listener.onChange(new StateChange(name, keyCodec.encode(key), null));
        }
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        entries.forEach(action);
    }

    @Override
    public void setChangeListener(StateChangeListener newListener) {
        this.listener = newListener;
    }

    @Override
    public Map<String, byte[]> snapshot() {
        Map<String, byte[]> snapshot = new TreeMap<>();
        entries.forEach((key, value) -> snapshot.put(keyCodec.encode(key), valueCodec.encode(value)));
        return snapshot;
    }

    @Override
    public void restore(Map<String, byte[]> snapshot) {
        entries.clear();
        snapshot.forEach((key, value) -> entries.put(keyCodec.decode(key), valueCodec.decode(value)));
    }

    @Override
    public void apply(StateChange change) {
        K key = keyCodec.decode(change.key());
        if (change.isDeletion()) {
            entries.remove(key);
        } else {
            entries.put(key, valueCodec.decode(change.value()));
        }
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
