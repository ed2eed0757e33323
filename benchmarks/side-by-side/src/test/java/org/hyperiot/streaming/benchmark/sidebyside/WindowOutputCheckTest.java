package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The window checks against results computed here independently, by grouping the generated readings
 * (as JSON, as a contestant reads them) without any knowledge of how the workload keeps its oracle.
 */
class WindowOutputCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_SLOT = 1_764_000_000_000L;

    private final List<JsonNode> readings = new ArrayList<>();
    private final TelemetryWorkload workload = TelemetryWorkload.generate(40, 40 * 200, 7, FIRST_SLOT,
            (key, value) -> readings.add(parse(value)));

    @Test
    void acceptsExactlyOneCorrectResultPerSiteAndWindowFromTheKeptReadings() {
        List<ObjectNode> results = results(reading -> reading.get("site").asText(), true);
        WindowOutputCheck check = WindowOutputCheck.perSite(workload);

        feed(check, results, result -> 0L);

        // 8 sites, 20 s of readings: every site has readings in 21 windows (the first slot's are early).
        assertThat(results).hasSize(8 * 21);
        assertThat(check.settled()).isTrue();
        assertThat(check.verdict(Guarantee.EXACTLY_ONCE).correct()).isTrue();
        assertThat(check.verdict(Guarantee.EXACTLY_ONCE).summary()).startsWith("168 of 168 site windows");
    }

    @Test
    void refusesAWrongCountAMissingResultAndUnderExactlyOnceADuplicate() {
        List<ObjectNode> results = results(reading -> reading.get("site").asText(), true);

        WindowOutputCheck wrongCount = WindowOutputCheck.perSite(workload);
        results.get(5).put("n", results.get(5).get("n").asLong() + 1);
        feed(wrongCount, results, result -> 0L);
        assertThat(wrongCount.verdict(Guarantee.AT_LEAST_ONCE).correct()).isFalse();
        assertThat(wrongCount.wrong()).isEqualTo(1);
        results.get(5).put("n", results.get(5).get("n").asLong() - 1);

        WindowOutputCheck missing = WindowOutputCheck.perSite(workload);
        feed(missing, results.subList(1, results.size()), result -> 0L);
        assertThat(missing.settled()).isFalse();
        assertThat(missing.verdict(Guarantee.AT_LEAST_ONCE).correct()).isFalse();

        List<ObjectNode> withDuplicate = new ArrayList<>(results);
        withDuplicate.add(results.get(0));
        WindowOutputCheck duplicated = WindowOutputCheck.perSite(workload);
        feed(duplicated, withDuplicate, result -> 0L);
        assertThat(duplicated.verdict(Guarantee.AT_LEAST_ONCE).correct()).isTrue();
        assertThat(duplicated.verdict(Guarantee.EXACTLY_ONCE).correct()).isFalse();
        assertThat(duplicated.verdict(Guarantee.AT_MOST_ONCE).correct()).as("at-most-once: nothing twice").isFalse();
    }

    @Test
    void refusesResultsPerDeviceOrOverEveryReadingForTheSiteScenario() {
        WindowOutputCheck overEveryReading = WindowOutputCheck.perSite(workload);
        feed(overEveryReading, results(reading -> reading.get("site").asText(), false), result -> 0L);
        assertThat(overEveryReading.verdict(Guarantee.AT_LEAST_ONCE).correct()).isFalse();

        WindowOutputCheck perDevice = WindowOutputCheck.perSite(workload);
        feed(perDevice, results(reading -> reading.get("deviceId").asText(), true), result -> 0L);
        assertThat(perDevice.verdict(Guarantee.AT_LEAST_ONCE).correct()).isFalse();
    }

    @Test
    void thePerDeviceCheckStillTakesEveryReading() {
        WindowOutputCheck check = WindowOutputCheck.perDevice(workload);

        feed(check, results(reading -> reading.get("deviceId").asText(), false), result -> 0L);

        assertThat(check.verdict(Guarantee.EXACTLY_ONCE).correct()).isTrue();
    }

    @Test
    void knowsWhenTheLastResultCame() {
        List<ObjectNode> results = results(reading -> reading.get("site").asText(), true);
        WindowOutputCheck check = WindowOutputCheck.perSite(workload);

        feed(check, results, result -> result.get("windowStart").asLong() == FIRST_SLOT ? 2_000L : 1_000L);

        assertThat(check.lastAppendTime()).isEqualTo(2_000L);
        assertThat(check.outputs()).isEqualTo(results.size());
    }

    /** Count and average temperature per key and 1 s window, optionally of the plausible readings only. */
    private List<ObjectNode> results(Function<JsonNode, String> key, boolean keptOnly) {
        Map<String, Map<Long, double[]>> windows = new TreeMap<>();
        for (JsonNode reading : readings) {
            double temp = reading.get("temp").asDouble();
            if (keptOnly && temp <= -50) {
                continue;
            }
            long ts = reading.get("ts").asLong();
            double[] countAndSum = windows.computeIfAbsent(key.apply(reading), k -> new TreeMap<>())
                    .computeIfAbsent(ts - Math.floorMod(ts, 1_000L), start -> new double[2]);
            countAndSum[0]++;
            countAndSum[1] += temp;
        }
        List<ObjectNode> results = new ArrayList<>();
        windows.forEach((windowKey, byStart) -> byStart.forEach((start, countAndSum) -> results.add(
                JSON.createObjectNode().put("key", windowKey).put("windowStart", start).put("windowEnd", start + 1_000)
                        .put("avgTemp", countAndSum[1] / countAndSum[0]).put("n", (long) countAndSum[0]))));
        return results;
    }

    private static void feed(WindowOutputCheck check, List<ObjectNode> results, Function<ObjectNode, Long> appendTime) {
        for (ObjectNode result : results) {
            check.record(result.get("key").asText().getBytes(StandardCharsets.UTF_8), result.toString().getBytes(
                    StandardCharsets.UTF_8), appendTime.apply(result));
        }
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
