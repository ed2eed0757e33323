package org.hyperiot.streaming.runtime.internal.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.kafka.support.CompactedTopicMap;
import org.hyperiot.streaming.kafka.support.InternalTopicCheck;
import org.hyperiot.streaming.kafka.support.TopicVerdict;

/**
 * The {@link DefinitionStore} of a cluster: a compacted, single-partition topic keyed by stream name,
 * each value the definition in its JSON form with the desired state and generation. The topic
 * survives every node restarting; this node creates it (through {@link KafkaTopicAdmin}) if it is
 * missing, and does not use an existing one that is not compacted alone or has more than one
 * partition ({@link InternalTopicCheck}).
 */
public final class KafkaDefinitionStore implements DefinitionStore {

    private final StoredStreamCodec codec = new StoredStreamCodec();
    private final CompactedTopicMap definitions;

    /**
     * @param replicationFactor the topic's replication factor if this node creates it; negative takes
     *                          the cluster's default
     */
    public KafkaDefinitionStore(KafkaConnector connector, KafkaTopicAdmin topicAdmin, String topic,
            short replicationFactor) {
        this.definitions = new CompactedTopicMap(RuntimeTopics.definitions(topic), connector, topicAdmin,
                replicationFactor);
    }

    @Override
    public void start(Listener listener) {
        definitions.start((name, value) -> listener.changed(name));
    }

    @Override
    public void awaitLoaded(Duration timeout) throws TimeoutException {
        definitions.awaitCaughtUp(timeout);
    }

    @Override
    public Optional<StoredStream> get(String name) {
        return definitions.get(name).flatMap(value -> codec.decode(name, value));
    }

    @Override
    public List<StoredStream> list() {
        List<StoredStream> all = new ArrayList<>();
        definitions.snapshot().forEach((name, value) -> codec.decode(name, value).ifPresent(all::add));
        return all;
    }

    @Override
    public void put(StoredStream stream, Duration timeout) throws TimeoutException {
        definitions.put(stream.definition().name(), codec.encode(stream), timeout);
    }

    @Override
    public void delete(String name, Duration timeout) throws TimeoutException {
        definitions.put(name, null, timeout);
    }

    @Override
    public TopicVerdict topicVerdict() {
        return definitions.verdict();
    }

    @Override
    public void close() {
        definitions.close();
    }
}
