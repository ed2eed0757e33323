package org.hyperiot.streaming.runtime.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperiot.streaming.kafka.support.TopicVerdict;

/**
 * A {@link DefinitionStore} in this JVM's memory, for tests and single-node experiments: every
 * write is seen at once, and the listener is called on the writing thread before the write returns.
 */
public final class InMemoryDefinitionStore implements DefinitionStore {

    private final Map<String, StoredStream> streams = new ConcurrentHashMap<>();
    private volatile Listener listener;
    private volatile TopicVerdict verdict = TopicVerdict.fit("in-memory", Instant.EPOCH);

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        streams.keySet().forEach(listener::changed);
    }

    @Override
    public void awaitLoaded(Duration timeout) {
        // Nothing to catch up with: every write is applied when it returns.
    }

    @Override
    public Optional<StoredStream> get(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    @Override
    public List<StoredStream> list() {
        return List.copyOf(streams.values());
    }

    @Override
    public void put(StoredStream stream, Duration timeout) {
        streams.put(stream.definition().name(), stream);
        changed(stream.definition().name());
    }

    @Override
    public void delete(String name, Duration timeout) {
        streams.remove(name);
        changed(name);
    }

    @Override
    public TopicVerdict topicVerdict() {
        return verdict;
    }

    /** Makes the store answer as if a check of its topic had found {@code found}; for tests. */
    public void topicVerdict(TopicVerdict found) {
        this.verdict = found;
    }

    @Override
    public void close() {
        listener = null;
    }

    private void changed(String name) {
        Listener current = listener;
        if (current != null) {
            current.changed(name);
        }
    }
}
