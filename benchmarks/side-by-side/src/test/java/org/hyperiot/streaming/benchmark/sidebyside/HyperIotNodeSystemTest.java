package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The stream definitions our runtime gets: the same pipelines as the other contestants'. */
class HyperIotNodeSystemTest {

    private final HyperIotNodeSystem nativeMode = HyperIotNodeSystem.onKafka(null, false, 2, Duration.ofMillis(100));
    private final HyperIotNodeSystem onStorm = HyperIotNodeSystem.onStorm(null, EnumSet.of(Scenario.STATELESS), 2,
            Duration.ofMillis(100));

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

    @Test
    void onStormTheSameDefinitionNamesTheStormEngineAndNativeMode() {
        ContestantRun run = new ContestantRun("stateless-eos-hyperiot-storm", Scenario.STATELESS, Guarantee.EXACTLY_ONCE,
                "in", "out");
        JsonNode onKafka = nativeMode.definition(run);
        JsonNode definition = onStorm.definition(run);

        assertThat(definition.path("engine").asText()).isEqualTo("storm");
        assertThat(definition.path("mode").asText()).isEqualTo("native");
        assertThat(definition.path("parallelism").asInt()).isEqualTo(2);
        assertThat(definition.path("commitInterval").asText()).isEqualTo("100ms");
        assertThat(definition.get("pipeline")).isEqualTo(onKafka.get("pipeline"));
        assertThat(definition.get("source")).isEqualTo(onKafka.get("source"));
        assertThat(definition.get("sink")).isEqualTo(onKafka.get("sink"));
        assertThat(onKafka.path("engine").asText()).isEqualTo("kafka");
        assertThat(onStorm.contestant()).isEqualTo(Contestant.HYPERIOT_STORM);
    }

    @Test
    void onStormRunsTheChosenScenariosAtBothGuarantees() {
        assertThat(onStorm.runs(Scenario.STATELESS, Guarantee.AT_LEAST_ONCE)).isTrue();
        assertThat(onStorm.runs(Scenario.STATELESS, Guarantee.EXACTLY_ONCE)).isTrue();
        assertThat(onStorm.runs(Scenario.WINDOWED, Guarantee.AT_LEAST_ONCE)).isFalse();
        assertThat(nativeMode.runs(Scenario.WINDOWED_BY_SITE, Guarantee.EXACTLY_ONCE)).isTrue();
    }

    @Test
    void aStormStreamRunsAsTheTopologyTheEngineNamesAfterIt() {
        assertThat(HyperIotNodeSystem.topologyName("stateless-alo-hyperiot-storm"))
                .isEqualTo("stream-stateless-alo-hyperiot-storm");
        assertThat(HyperIotNodeSystem.topologyName("a.b_c")).isEqualTo("stream-a_bUc");
    }
}
