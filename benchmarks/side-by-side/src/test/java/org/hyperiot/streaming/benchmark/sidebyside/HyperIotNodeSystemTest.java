package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The stream definitions our runtime gets: the same pipelines as the other contestants'. */
class HyperIotNodeSystemTest {

    private final HyperIotNodeSystem nativeMode = new HyperIotNodeSystem(null, false, 2, Duration.ofMillis(100));

    @Test
    void windowsPerSiteRepartitionByTheSiteAfterTheFilter() {
        JsonNode definition = nativeMode.definition(new ContestantRun("site-run", Scenario.WINDOWED_BY_SITE,
                Guarantee.EXACTLY_ONCE, "in", "out", "closing"));

        JsonNode pipeline = definition.get("pipeline");
        assertThat(pipeline).hasSize(3);
        assertThat(pipeline.get(0).toString()).isEqualTo("{\"op\":\"filter\",\"where\":{\"field\":\"temp\",\"gt\":-50}}");
        // No sourcePartitioned: the site spans every partition, so the stream must repartition.
        assertThat(pipeline.get(1).toString()).isEqualTo("{\"op\":\"keyBy\",\"field\":\"site\"}");
        assertThat(pipeline.get(2).path("type").asText()).isEqualTo("tumbling");
        assertThat(definition.path("watermark").path("maxOutOfOrderness").asText()).isEqualTo("1000ms");
        // The closing topic is Kafka Streams' affair: the watermark is the minimum over the source partitions.
        assertThat(definition.path("source").path("topics").toString()).isEqualTo("[\"in\"]");
        assertThat(definition.path("guarantee").asText()).isEqualTo("exactly-once");
    }

    @Test
    void windowsPerDeviceDeclareTheSourcePartitionedByDevice() {
        JsonNode definition = nativeMode.definition(new ContestantRun("device-run", Scenario.WINDOWED,
                Guarantee.AT_LEAST_ONCE, "in", "out"));

        assertThat(definition.get("pipeline").get(0).toString())
                .isEqualTo("{\"op\":\"keyBy\",\"field\":\"deviceId\",\"sourcePartitioned\":true}");
    }
}
