package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusExpositionTest {

    @Test
    void writesEachFamilyOnceWithItsHelpAndTypeEvenWhenSamplesArriveInterleaved() {
        PrometheusExposition page = new PrometheusExposition();
        page.counter("hyperiot_stream_records_in_total", "Records read.").add(5L, "stream", "a");
        page.gauge("hyperiot_stream_consumer_lag_records", "Lag.").add(1L, "stream", "a");
        page.counter("hyperiot_stream_records_in_total", "Records read.").add(7L, "stream", "b");
        page.gauge("hyperiot_stream_consumer_lag_records", "Lag.").add(0L, "stream", "b");

        assertThat(page.text()).isEqualTo("""
                # HELP hyperiot_stream_records_in_total Records read.
                # TYPE hyperiot_stream_records_in_total counter
                hyperiot_stream_records_in_total{stream="a"} 5
                hyperiot_stream_records_in_total{stream="b"} 7
                # HELP hyperiot_stream_consumer_lag_records Lag.
                # TYPE hyperiot_stream_consumer_lag_records gauge
                hyperiot_stream_consumer_lag_records{stream="a"} 1
                hyperiot_stream_consumer_lag_records{stream="b"} 0
                """);
        assertThat(ExpositionFormat.violations(page.text())).isEmpty();
    }

    @Test
    void escapesBackslashQuoteAndLineFeedInLabelValues() {
        PrometheusExposition page = new PrometheusExposition();
        page.gauge("g", "Help.").add(1L, "stream", "a\"b\\c\nd", "state", "RUNNING");

        assertThat(page.text()).endsWith("g{stream=\"a\\\"b\\\\c\\nd\",state=\"RUNNING\"} 1\n");
        assertThat(ExpositionFormat.violations(page.text())).isEmpty();
    }

    @Test
    void escapesBackslashAndLineFeedInHelpButNotQuotes() {
        PrometheusExposition page = new PrometheusExposition();
        page.gauge("g", "A \"quoted\" path C:\\tmp\nsecond line").add(1L);

        assertThat(page.text())
                .startsWith("# HELP g A \"quoted\" path C:\\\\tmp\\nsecond line\n# TYPE g gauge\ng 1\n");
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf", "1200.0, 1200", "-3.0, -3", "0.0, 0",
        "40.5, 40.5", "0.0125, 0.0125", "1.0E20, 1.0E20", "1.0E-7, 1.0E-7"})
    void writesNumbersTheWayPrometheusParsesThem(double value, String written) {
        assertThat(PrometheusExposition.number(value)).isEqualTo(written);
        assertThat(ExpositionFormat.violations("# TYPE g gauge\ng " + written + "\n")).isEmpty();
    }

    @Test
    void writesLongCountersExactly() {
        PrometheusExposition page = new PrometheusExposition();
        page.counter("c_total", "Help.").add(Long.MAX_VALUE);

        // As a double it would come out as 9.223372036854776E18.
        assertThat(page.text()).endsWith("c_total 9223372036854775807\n");
    }

    @Test
    void leavesOutAFamilyWithoutSamples() {
        PrometheusExposition page = new PrometheusExposition();
        page.gauge("empty", "Nothing yet.");
        page.gauge("full", "Something.").add(1L);

        assertThat(page.text()).doesNotContain("empty").contains("full 1");
    }

    @Test
    void refusesNamesAndLabelsPrometheusWouldReject() {
        PrometheusExposition page = new PrometheusExposition();

        assertThatThrownBy(() -> page.gauge("hyperiot-stream", "Help.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page.gauge("g", "Help.").add(1L, "stream"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page.gauge("g", "Help.").add(1L, "bad-label", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page.gauge("g", "Help.").add(1L, "__reserved", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page.counter("g", "Help.")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GAUGE");
    }

    @Test
    void theFormatReaderCatchesWhatItIsThereToCatch() {
        assertThat(ExpositionFormat.violations("""
                # TYPE a gauge
                a 1
                # TYPE b gauge
                b 1
                # TYPE a gauge
                a{x="1"} 2
                c 3
                # TYPE d gauge
                d{x="un"escaped"} 1
                d one
                d 1
                """)).containsExactly("a second TYPE for a", "the lines of a are not together",
                        "a sample of c without a TYPE before it",
                        "not a HELP, TYPE or sample line: d{x=\"un\"escaped\"} 1",
                        "not a Prometheus number: d one", "a repeated series: d 1");
    }
}
