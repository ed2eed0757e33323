package org.hyperiot.streaming.rest.internal;

import java.util.List;

import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hyperiot_stream_*} families: one series per stream (label {@code stream}) for each
 * counter of {@link StreamMetrics}, and its state. A stream whose metrics cannot be read is left out
 * of the page and counted in {@code hyperiot_stream_scrape_errors}, so one broken stream never hides
 * the others. Values not known yet (latency, watermark before the first commit) are {@code NaN}.
 */
final class StreamMetricFamilies {

    static final String SCRAPE_ERRORS = "hyperiot_stream_scrape_errors";

    private static final Logger LOG = LoggerFactory.getLogger(StreamMetricFamilies.class);

    private StreamMetricFamilies() {
    }

    static void addTo(PrometheusExposition page, StreamManager streams) {
        int errors = 0;
        List<StreamSummary> summaries;
        try {
            summaries = streams.list();
        } catch (RuntimeException e) {
            LOG.debug("Could not list the streams for /metrics", e);
            summaries = List.of();
            errors++;
        }
        for (StreamSummary summary : summaries) {
            try {
                add(page, summary, streams.metrics(summary.name()));
            } catch (StreamNotFoundException e) {
                // Deleted between the list and this call: nothing left to report, and nothing went wrong.
            } catch (RuntimeException e) {
                // Debug, not warn: a scrape comes every few seconds, and the gauge below already says it.
                LOG.debug("Could not read the metrics of stream {} for /metrics", summary.name(), e);
                errors++;
            }
        }
        page.gauge(SCRAPE_ERRORS, "Streams whose metrics could not be read in this scrape and are left out.")
                .add(errors);
    }

    private static void add(PrometheusExposition page, StreamSummary summary, StreamMetrics m) {
        String stream = summary.name();
        page.counter("hyperiot_stream_records_in_total", "Records read from the stream's source topics.")
                .add(m.recordsIn(), "stream", stream);
        page.counter("hyperiot_stream_records_out_total", "Records written to the stream's sink topic.")
                .add(m.recordsOut(), "stream", stream);
        page.gauge("hyperiot_stream_records_in_per_second", "Input rate over the last reporting interval.")
                .add(m.recordsInPerSecond(), "stream", stream);
        page.gauge("hyperiot_stream_records_out_per_second", "Output rate over the last reporting interval.")
                .add(m.recordsOutPerSecond(), "stream", stream);
        page.counter("hyperiot_stream_late_records_total",
                "Records later than their window allowed, sent to the late-record topic or dropped.")
                .add(m.late(), "stream", stream);
        page.counter("hyperiot_stream_dead_lettered_records_total", "Records sent to the dead-letter topic.")
                .add(m.deadLettered(), "stream", stream);
        page.gauge("hyperiot_stream_consumer_lag_records", "Records in the source partitions not yet read.")
                .add(m.lag(), "stream", stream);
        PrometheusExposition.Family latency = page.gauge("hyperiot_stream_latency_seconds", "End-to-end latency"
                + " from source record timestamp to committed output, by quantile; NaN before the first commit.");
        latency.add(seconds(m.latencyP50Ms()), "stream", stream, "quantile", "0.5");
        latency.add(seconds(m.latencyP99Ms()), "stream", stream, "quantile", "0.99");
        page.gauge("hyperiot_stream_watermark_seconds",
                "The lowest task watermark as Unix time in seconds; NaN before the first.")
                .add(seconds(m.watermark() == null ? null : m.watermark().doubleValue()), "stream", stream);
        page.counter("hyperiot_stream_commits_total", "Commits (offset commits or transactions) made.")
                .add(m.commits(), "stream", stream);
        // Every state with 0 or 1, so that a series exists to alert on (state="FAILED" == 1) before it happens.
        PrometheusExposition.Family state = page.gauge("hyperiot_stream_state",
                "1 for the state the stream is in, 0 for the others.");
        for (StreamState candidate : StreamState.values()) {
            state.add(candidate == summary.state() ? 1 : 0, "stream", stream, "state", candidate.name());
        }
    }

    private static double seconds(Double milliseconds) {
        return milliseconds == null ? Double.NaN : milliseconds / 1000.0;
    }
}
