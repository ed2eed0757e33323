package org.hyperiot.streaming.runtime.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;

/**
 * The {@link DefinitionStore} of a cluster: a compacted, single-partition topic keyed by stream name,
 * each value the definition in its JSON form with the desired state and generation. The topic
 * survives every node restarting; this node creates it (through {@link KafkaTopicAdmin}) if it is
 * missing.
 */
public final class KafkaDefinitionStore implements DefinitionStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final StreamDefinitionReader reader = new StreamDefinitionReader();
    private final StreamDefinitionWriter writer = new StreamDefinitionWriter();
    private final CompactedTopicMap definitions;

    /**
     * @param replicationFactor the topic's replication factor if this node creates it; negative takes
     *                          the cluster's default
     */
    public KafkaDefinitionStore(KafkaConnector connector, KafkaTopicAdmin topicAdmin, String topic,
            short replicationFactor) {
        this.definitions = new CompactedTopicMap(topic, connector, topicAdmin, replicationFactor);
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
        return definitions.get(name).map(this::decode);
    }

    @Override
    public List<StoredStream> list() {
        List<StoredStream> all = new ArrayList<>();
        definitions.snapshot().values().forEach(value -> all.add(decode(value)));
        return all;
    }

    @Override
    public void put(StoredStream stream, Duration timeout) throws TimeoutException {
        definitions.put(stream.definition().name(), encode(stream), timeout);
    }

    @Override
    public void delete(String name, Duration timeout) throws TimeoutException {
        definitions.put(name, null, timeout);
    }

    @Override
    public void close() {
        definitions.close();
    }

    private byte[] encode(StoredStream stream) {
        try {
            ObjectNode node = JSON.createObjectNode();
            node.set("definition", JSON.readTree(writer.write(stream.definition())));
            node.put("desired", stream.desired().name());
            node.put("generation", stream.generation());
            node.put("updatedAt", stream.updatedAt());
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredStream decode(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return new StoredStream(reader.read(JSON.writeValueAsString(node.get("definition"))),
                    StoredStream.Desired.valueOf(node.path("desired").asText("STOPPED")),
                    node.path("generation").asLong(0), node.path("updatedAt").asLong(0));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stream record: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }
}
