package org.hyperiot.streaming.benchmark.sidebyside.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void groupsThousandsWithCommas() {
        assertThat(Figures.grouped(0L)).isEqualTo("0");
        assertThat(Figures.grouped(999L)).isEqualTo("999");
        assertThat(Figures.grouped(1_000L)).isEqualTo("1,000");
        assertThat(Figures.grouped(1_800_000L)).isEqualTo("1,800,000");
        assertThat(Figures.grouped(-12_345L)).isEqualTo("-12,345");
        assertThat(Figures.grouped(Long.MAX_VALUE)).isEqualTo("9,223,372,036,854,775,807");
        assertThat(Figures.grouped(999_999.5)).isEqualTo("1,000,000");
        assertThat(Figures.grouped(Double.NaN)).isEqualTo("–");
        assertThat(Figures.groupedDecimals(1_320.04, 1)).isEqualTo("1,320.0");
        assertThat(Figures.groupedDecimals(0.44, 1)).isEqualTo("0.4");
    }

    @Test
    void shortensChartLabelsToThreeSignificantDigits() {
        assertThat(Figures.compact(0)).isEqualTo("0");
        assertThat(Figures.compact(950)).isEqualTo("950");
        assertThat(Figures.compact(85_240)).isEqualTo("85.2k");
        assertThat(Figures.compact(250_000)).isEqualTo("250k");
        assertThat(Figures.compact(1_200_000)).isEqualTo("1.2M");
        assertThat(Figures.compact(1_250_000)).isEqualTo("1.25M");
        assertThat(Figures.compact(999_999)).isEqualTo("1M");
        assertThat(Figures.compact(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void writesLatencyLabelsWithPrecisionThatMatchesTheirSize() {
        assertThat(Figures.millis(0)).isEqualTo("0");
        assertThat(Figures.millis(0.004)).isEqualTo("0.004");
        assertThat(Figures.millis(0.62)).isEqualTo("0.62");
        assertThat(Figures.millis(4.8)).isEqualTo("4.8");
        assertThat(Figures.millis(104)).isEqualTo("104");
        assertThat(Figures.millis(1_320)).isEqualTo("1,320");
        assertThat(Figures.millis(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
    }
}
