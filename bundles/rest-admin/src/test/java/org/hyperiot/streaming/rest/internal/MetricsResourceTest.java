package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.ws.rs.core.Response;

import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

class MetricsResourceTest {

    private final InMemoryStreamManager manager = new InMemoryStreamManager();

    private void existing(String name) {
        manager.create(new StreamDefinitionReader().read("""
                {"name": "%s", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""".formatted(name)));
    }

    /** The page, after checking the response and that Prometheus could read it. */
    private static String scrape(MetricsResource resource) {
        Response response = resource.metrics();
        String page = (String) response.getEntity();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(ExpositionFormat.violations(page)).isEmpty();
        return page;
    }

    @Test
    void exposesEveryCounterOfEveryStreamWithItsState() {
        existing("device-temp-avg");
        existing("idle");
        manager.start("device-temp-avg");

        Map<String, String> samples = ExpositionFormat.samples(scrape(new MetricsResource(manager)));

        // The in-memory manager reports the same counters for every stream; p99 and watermark as in its metrics().
        String stream = "{stream=\"device-temp-avg\"}";
        assertThat(samples).containsEntry("hyperiot_stream_records_in_total" + stream, "1200")
                .containsEntry("hyperiot_stream_records_out_total" + stream, "120")
                .containsEntry("hyperiot_stream_records_in_per_second" + stream, "40.5")
                .containsEntry("hyperiot_stream_records_out_per_second" + stream, "4")
                .containsEntry("hyperiot_stream_late_records_total" + stream, "3")
                .containsEntry("hyperiot_stream_dead_lettered_records_total" + stream, "1")
                .containsEntry("hyperiot_stream_consumer_lag_records" + stream, "17")
                .containsEntry("hyperiot_stream_latency_seconds{stream=\"device-temp-avg\",quantile=\"0.5\"}", "0.0125")
                .containsEntry("hyperiot_stream_latency_seconds{stream=\"device-temp-avg\",quantile=\"0.99\"}", "NaN")
                .containsEntry("hyperiot_stream_watermark_seconds" + stream, "1700000010")
                .containsEntry("hyperiot_stream_commits_total" + stream, "9")
                .containsEntry("hyperiot_stream_state{stream=\"device-temp-avg\",state=\"RUNNING\"}", "1")
                .containsEntry("hyperiot_stream_state{stream=\"device-temp-avg\",state=\"FAILED\"}", "0")
                .containsEntry("hyperiot_stream_state{stream=\"idle\",state=\"CREATED\"}", "1")
                .containsEntry("hyperiot_stream_state{stream=\"idle\",state=\"RUNNING\"}", "0")
                .containsEntry("hyperiot_stream_records_in_total{stream=\"idle\"}", "1200")
                .containsEntry(StreamMetricFamilies.SCRAPE_ERRORS, "0");
        assertThat(samples.keySet().stream().filter(s -> s.startsWith("hyperiot_stream_state{stream=\"idle\"")))
                .hasSize(6);
    }

    @Test
    void exposesTheJvmFamiliesWithPlausibleValues() {
        Map<String, String> samples = ExpositionFormat.samples(scrape(new MetricsResource(manager)));

        assertThat(Double.parseDouble(samples.get("jvm_memory_used_bytes{area=\"heap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_memory_used_bytes{area=\"nonheap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_memory_max_bytes{area=\"heap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_threads_live_threads"))).isPositive();
        assertThat(Double.parseDouble(samples.get("process_uptime_seconds"))).isPositive();
        assertThat(samples.get("jvm_available_processors"))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(samples.keySet()).anyMatch(s -> s.startsWith("jvm_gc_collections_total{gc=\""))
                .anyMatch(s -> s.startsWith("jvm_gc_collection_seconds_total{gc=\""));
    }

    @Test
    void servesTheJvmFamiliesAloneWithoutTheStreamRuntime() {
        String page = scrape(new MetricsResource());

        assertThat(page).doesNotContain("hyperiot_").contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("# TYPE process_uptime_seconds gauge");
    }

    @Test
    void leavesOutAStreamWhoseMetricsFailAndCountsIt() {
        existing("broken");
        existing("healthy");
        manager.metricsFailures.put("broken", new StreamingException("the task's node does not answer"));

        String page = scrape(new MetricsResource(manager));

        assertThat(page).doesNotContain("stream=\"broken\"").contains("stream=\"healthy\"");
        assertThat(ExpositionFormat.samples(page)).containsEntry(StreamMetricFamilies.SCRAPE_ERRORS, "1");
    }

    @Test
    void doesNotCountAStreamDeletedDuringTheScrape() {
        existing("gone");
        existing("healthy");
        manager.metricsFailures.put("gone", new StreamNotFoundException("gone"));

        String page = scrape(new MetricsResource(manager));

        assertThat(page).doesNotContain("stream=\"gone\"").contains("stream=\"healthy\"");
        assertThat(ExpositionFormat.samples(page)).containsEntry(StreamMetricFamilies.SCRAPE_ERRORS, "0");
    }

    @Test
    void keepsTheJvmFamiliesWhenTheStreamListFails() {
        existing("s");
        manager.failure = new StreamingException("the definitions topic is not reachable");

        Map<String, String> samples = ExpositionFormat.samples(scrape(new MetricsResource(manager)));

        assertThat(samples).containsEntry(StreamMetricFamilies.SCRAPE_ERRORS, "1")
                .containsKey("jvm_threads_live_threads");
        assertThat(samples.keySet()).noneMatch(s -> s.startsWith("hyperiot_stream_records"));
    }

    @Test
    void exposesTheSagasByDefinitionAndStateAndTheCoordinatorsCounters() {
        InMemorySagaCoordinator sagas = new InMemorySagaCoordinator(new InMemorySagaDefinitionRegistry()
                .existing(InMemorySagaDefinitionRegistry.ORDER));
        sagas.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);
        sagas.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);

        Map<String, String> samples = ExpositionFormat.samples(scrape(new MetricsResource(manager, sagas)));

        assertThat(samples).containsEntry("hyperiot_saga_sagas{definition=\"order\",state=\"RUNNING\"}", "2")
                .containsEntry("hyperiot_saga_sagas{definition=\"order\",state=\"FAILED_TO_COMPENSATE\"}", "0")
                .containsEntry("hyperiot_saga_commands_sent_total", "12")
                .containsEntry("hyperiot_saga_retries_total", "2")
                .containsEntry("hyperiot_saga_compensations_sent_total", "3")
                .containsEntry("hyperiot_saga_timeouts_total", "1")
                .containsEntry("hyperiot_saga_steps_completed_total", "8")
                .containsEntry("hyperiot_saga_step_latency_seconds{quantile=\"0.99\"}", "0.25")
                .containsEntry("hyperiot_saga_owned_partitions", "6");
    }

    @Test
    void withoutTheSagaCoordinatorThereIsNoSagaFamily() {
        assertThat(scrape(new MetricsResource(manager))).doesNotContain("hyperiot_saga_");
    }
}
