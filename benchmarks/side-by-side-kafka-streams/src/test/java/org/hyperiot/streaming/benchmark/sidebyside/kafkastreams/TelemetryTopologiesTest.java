package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class TelemetryTopologiesTest {

    private static String write(JsonNode node) {
        return new String(new JsonNodeSerde().serializer().serialize("out", node), StandardCharsets.UTF_8);
    }

    @Test
    void theProjectionKeepsExactlyDeviceSeqTsAndTemp() {
        JsonNode reading = JsonNodeSerdeTest.parse(JsonNodeSerdeTest.READING);

        JsonNode projected = TelemetryTopologies.project(reading);

        assertThat(write(projected))
                .isEqualTo("{\"deviceId\":\"d0042\",\"seq\":17,\"ts\":1764000000123,\"temp\":21.37}");
    }

    @Test
    void faultyAndMissingTemperaturesAreFilteredOut() {
        assertThat(TelemetryTopologies.hasPlausibleTemperature(JsonNodeSerdeTest.parse(JsonNodeSerdeTest.READING)))
                .isTrue();
        assertThat(TelemetryTopologies.hasPlausibleTemperature(JsonNodeSerdeTest.parse("{\"temp\":-49.99}"))).isTrue();
        assertThat(TelemetryTopologies.hasPlausibleTemperature(JsonNodeSerdeTest.parse("{\"temp\":-99.9}"))).isFalse();
        assertThat(TelemetryTopologies.hasPlausibleTemperature(JsonNodeSerdeTest.parse("{\"temp\":-50}"))).isFalse();
        assertThat(TelemetryTopologies.hasPlausibleTemperature(JsonNodeSerdeTest.parse("{\"seq\":1}"))).isFalse();
        assertThat(TelemetryTopologies.hasPlausibleTemperature(null)).isFalse();
    }

    @Test
    void aWindowResultHasTheContractsShape() {
        WindowAggregate aggregate = WindowAggregate.EMPTY.add(21.0).add(21.8);

        JsonNode result = TelemetryTopologies.windowResult("d0042", 1764000000000L, 1764000001000L, aggregate);

        assertThat(write(result)).isEqualTo("{\"key\":\"d0042\",\"windowStart\":1764000000000,"
                + "\"windowEnd\":1764000001000,\"avgTemp\":21.4,\"n\":2}");
    }

    @Test
    void theStatelessTopologyIsOneSubtopologyWithoutState() {
        TopologyDescription description = TelemetryTopologies.stateless("in", "out").describe();

        assertThat(description.subtopologies()).hasSize(1);
        assertThat(nodes(description)).noneMatch(node -> node instanceof TopologyDescription.Processor processor
                && !processor.stores().isEmpty());
    }

    @Test
    void theWindowedTopologyAggregatesAndSuppressesWithoutRepartitioning() {
        TopologyDescription description = TelemetryTopologies.windowed("in", "out").describe();

        // A repartition would show up as a second subtopology reading an internal topic.
        assertThat(description.subtopologies()).hasSize(1);
        List<String> stores = nodes(description)
                .filter(node -> node instanceof TopologyDescription.Processor)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .toList();
        assertThat(stores).containsExactlyInAnyOrder(
                TelemetryTopologies.WINDOW_STORE, TelemetryTopologies.FINAL_RESULTS + "-store");
    }

    @Test
    void theSiteTopologyFiltersThenRepartitionsBySiteBeforeTheSameWindows() {
        TopologyDescription description = TelemetryTopologies.windowedBySite(List.of("in", "closing"), "out")
                .describe();

        // The first subtopology reads the inputs, filters and writes to the repartition topic; the
        // second reads that topic and runs the windows.
        assertThat(description.subtopologies()).hasSize(2);
        List<String> sources = nodes(description)
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .toList();
        String repartition = TelemetryTopologies.SITE_REPARTITION + "-repartition";
        assertThat(sources).containsExactlyInAnyOrder("in", "closing", repartition);
        assertThat(nodes(description)
                .filter(node -> node instanceof TopologyDescription.Sink sink && repartition.equals(sink.topic())))
                .hasSize(1);
        assertThat(nodes(description).map(TopologyDescription.Node::name)).anyMatch(name -> name.contains("FILTER"));
        List<String> stores = nodes(description)
                .filter(node -> node instanceof TopologyDescription.Processor)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .toList();
        assertThat(stores).containsExactlyInAnyOrder(
                TelemetryTopologies.WINDOW_STORE, TelemetryTopologies.FINAL_RESULTS + "-store");
    }

    private static Stream<TopologyDescription.Node> nodes(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream());
    }
}
