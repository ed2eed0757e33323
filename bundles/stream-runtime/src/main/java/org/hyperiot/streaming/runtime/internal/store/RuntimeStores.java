package org.hyperiot.streaming.runtime.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;

/**
 * The two topics the runtime shares between nodes: stream definitions (key: stream name) and node
 * reports (key: {@code <stream>|<node>}), both compacted so that they survive every node restarting.
 */
public final class RuntimeStores implements AutoCloseable {

    /**
     * What one node runs of one stream.
     *
     * @param node       the node
     * @param stream     the stream
     * @param reportedAt when the node wrote it, epoch milliseconds
     * @param tasks      the node's tasks of the stream
     * @param metrics    the node's counters for the stream, or null
     */
    public record NodeReport(String node, String stream, long reportedAt, List<TaskStatus> tasks, StreamMetrics metrics) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final StreamDefinitionReader reader = new StreamDefinitionReader();
    private final StreamDefinitionWriter writer = new StreamDefinitionWriter();
    private final CompactedTopicMap definitions;
    private final CompactedTopicMap reports;

    /** @param changed called on the definitions reader thread with the name of each stream written or deleted */
    public RuntimeStores(KafkaConnector connector, KafkaTopicAdmin topicAdmin, String definitionsTopic,
            String statusTopic, short replicationFactor, Consumer<String> changed) {
        this.definitions = new CompactedTopicMap(definitionsTopic, connector, topicAdmin, replicationFactor,
                (name, value) -> changed.accept(name));
        this.reports = new CompactedTopicMap(statusTopic, connector, topicAdmin, replicationFactor, (key, value) -> {
        });
    }

    /** Waits until this node has read every definition written so far. */
    public void awaitDefinitions(Duration timeout) throws TimeoutException {
        definitions.awaitCaughtUp(timeout);
    }

    public Optional<StoredStream> stream(String name) {
        return definitions.get(name).map(this::decodeStream);
    }

    public List<StoredStream> streams() {
        List<StoredStream> all = new ArrayList<>();
        definitions.snapshot().values().forEach(value -> all.add(decodeStream(value)));
        return all;
    }

    public void putStream(StoredStream stream, Duration timeout) throws TimeoutException {
        definitions.put(stream.definition().name(), encodeStream(stream), timeout);
    }

    public void deleteStream(String name, Duration timeout) throws TimeoutException {
        definitions.put(name, null, timeout);
    }

    public void report(NodeReport report) {
        reports.putAsync(report.stream() + "|" + report.node(), encode(report));
    }

    public void clearReport(String stream, String node) {
        reports.putAsync(stream + "|" + node, null);
    }

    /** The reports of every node about {@code stream} written since {@code since} (epoch ms). */
    public List<NodeReport> reports(String stream, long since) {
        List<NodeReport> recent = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : reports.withPrefix(stream + "|").entrySet()) {
            NodeReport report = decode(entry.getValue(), NodeReport.class);
            if (report.reportedAt() >= since) {
                recent.add(report);
            }
        }
        return recent;
    }

    private byte[] encodeStream(StoredStream stream) {
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

    private StoredStream decodeStream(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return new StoredStream(reader.read(JSON.writeValueAsString(node.get("definition"))),
                    StoredStream.Desired.valueOf(node.path("desired").asText("STOPPED")),
                    node.path("generation").asLong(0), node.path("updatedAt").asLong(0));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stream record: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] encode(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        definitions.close();
        reports.close();
    }
}
