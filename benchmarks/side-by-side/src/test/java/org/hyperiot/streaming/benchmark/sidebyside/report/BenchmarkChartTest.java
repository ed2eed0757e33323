package org.hyperiot.streaming.benchmark.sidebyside.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkChartTest {

    private static final List<Contestant> ALL = List.of(Contestant.RAW_LOOP, Contestant.KAFKA_STREAMS,
            Contestant.STORM_TOPOLOGY, Contestant.HYPERIOT_NATIVE, Contestant.HYPERIOT_STORM,
            Contestant.HYPERIOT_MICRO_BATCH);
    /** Where the throughput panel ends and the latency panel begins. */
    private static final int PANEL_BORDER = 760;

    @TempDir
    Path directory;

    private final BenchmarkChart chart = new BenchmarkChart();

    @Test
    void writesAPngOfTheAnnouncedSizeForAFullReport() throws IOException {
        Path png = directory.resolve("nested/side-by-side.png");

        chart.write(fullReport(true), png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("readable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(BenchmarkChart.WIDTH_PIXELS).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(BenchmarkChart.HEIGHT_PIXELS).isEqualTo(600);
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void drawsEveryContestantInItsOwnColourInBothPanels() throws IOException {
        Path png = directory.resolve("chart.png");

        chart.write(fullReport(true), png);

        BufferedImage image = ImageIO.read(png.toFile());
        for (Contestant contestant : ALL) {
            Color colour = BenchmarkChart.colourOf(contestant, ALL);
            assertThat(pixels(image, colour, 0, PANEL_BORDER)).as("throughput bars of " + contestant.label())
                    .isGreaterThan(2_000);
            assertThat(pixels(image, colour, PANEL_BORDER, image.getWidth())).as("p99 bar of " + contestant.label())
                    .isGreaterThan(500);
        }
        assertThat(ALL.stream().map(contestant -> BenchmarkChart.colourOf(contestant, ALL)).distinct()).hasSize(6);
    }

    @Test
    void keepsAContestantsColourWhateverElseIsInTheReport() {
        Contestant other = new Contestant("flink", "Apache Flink");

        assertThat(BenchmarkChart.colourOf(Contestant.HYPERIOT_NATIVE, List.of(other, Contestant.HYPERIOT_NATIVE)))
                .isEqualTo(BenchmarkChart.colourOf(Contestant.HYPERIOT_NATIVE, ALL));
        assertThat(BenchmarkChart.colourOf(Contestant.kafkaStreams("4.4.0"), ALL))
                .isEqualTo(BenchmarkChart.colourOf(Contestant.KAFKA_STREAMS, ALL));
        assertThat(BenchmarkChart.colourOf(other, List.of(other, Contestant.HYPERIOT_NATIVE)))
                .isNotIn(ALL.stream().map(contestant -> BenchmarkChart.colourOf(contestant, ALL)).toList());
    }

    @Test
    void marksAnUnverifiedRunInRedAndOnlyThen() throws IOException {
        Path verified = directory.resolve("verified.png");
        Path unverified = directory.resolve("unverified.png");

        chart.write(fullReport(true), verified);
        chart.write(fullReport(false), unverified);

        assertThat(pixels(ImageIO.read(verified.toFile()), BenchmarkChart.UNVERIFIED, 0, PANEL_BORDER)).isZero();
        assertThat(pixels(ImageIO.read(unverified.toFile()), BenchmarkChart.UNVERIFIED, 0, PANEL_BORDER))
                .isGreaterThan(100);
    }

    @Test
    void writesAPngSayingNoDataForAnEmptyReport() throws IOException {
        Path png = directory.resolve("empty.png");
        BenchmarkReport empty = new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of(), List.of(), List.of(),
                List.of(), List.of());

        chart.write(empty, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(600);
        // Titles and "no data" are drawn in each panel, around its middle.
        assertThat(darkPixels(image, 0, PANEL_BORDER, 250, 350)).isGreaterThan(20);
        assertThat(darkPixels(image, PANEL_BORDER, image.getWidth(), 250, 350)).isGreaterThan(20);
    }

    @Test
    void drawsMissingZeroAndExtremeLatenciesWithoutFailing() throws IOException {
        Path png = directory.resolve("odd.png");
        List<LatencyRun> latency = List.of(
                new LatencyRun("stateless", "at-least-once", Contestant.RAW_LOOP, 1, 1, 0, 0, 0, 0, 0),
                new LatencyRun("stateless", "at-least-once", Contestant.KAFKA_STREAMS, 1, 1, 0, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN),
                new LatencyRun("stateless", "at-least-once", Contestant.HYPERIOT_NATIVE, 1, 1, 1, -1,
                        Double.POSITIVE_INFINITY, 0.000_001, 1e9),
                new LatencyRun("windowed", "exactly-once", Contestant.HYPERIOT_MICRO_BATCH, 1, 1, 1, 250_000, 1e6,
                        3e6, 3e6));
        List<ThroughputRun> throughput = List.of(
                new ThroughputRun("stateless", "at-least-once", Contestant.RAW_LOOP, 0, 0, 0, Double.NaN, Double.NaN, true,
                        ""),
                new ThroughputRun("stateless", "at-least-once", Contestant.KAFKA_STREAMS, 0, 0, Double.NaN,
                        Double.NaN, Double.NaN, false, ""),
                new ThroughputRun("stateless", "at-least-once", Contestant.HYPERIOT_NATIVE, 0, 0,
                        Double.POSITIVE_INFINITY, -1, -1, true, ""));
        BenchmarkReport report = new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of(), throughput, latency,
                List.of(), List.of());

        assertThatCode(() -> chart.write(report, png)).doesNotThrowAnyException();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    @Test
    void linearTicksStartAtZeroCoverTheMaximumAndNumberFourToSix() {
        List<Double> maxima = new ArrayList<>(List.of(0.0, 1.0, 5.0, 7.0, 99.0));
        for (double max = 3; max < 5e8; max *= 1.37) {
            maxima.add(max);
        }
        for (double max : maxima) {
            BenchmarkChart.LinearTicks ticks = BenchmarkChart.LinearTicks.covering(max);
            assertThat(ticks.count() + 1).as("ticks for " + max).isBetween(4, 6);
            assertThat(ticks.top()).as("top for " + max).isGreaterThanOrEqualTo(max);
            double mantissa = ticks.step() / Math.pow(10, Math.floor(Math.log10(ticks.step())));
            assertThat(mantissa).as("step for " + max).isIn(1.0, 2.0, 2.5, 5.0);
        }
    }

    @Test
    void logAxisClampsZeroAndTinyValuesToItsLowestTickAndAlwaysShowsTheGoal() {
        BenchmarkChart.LogTicks ticks = BenchmarkChart.LogTicks.covering(new double[] {0, 0.000_5, 3.5, Double.NaN});
        // Three decades, 100 pixels each, from y = 400 (0.1 ms) up to y = 100 (100 ms).
        Rectangle plot = new Rectangle(0, 100, 10, 300);

        assertThat(ticks.lowExponent()).isEqualTo(-1);
        assertThat(ticks.highExponent()).isEqualTo(2);
        assertThat(ticks.y(0, plot)).isEqualTo(400);
        assertThat(ticks.y(0.000_5, plot)).isEqualTo(400);
        assertThat(ticks.y(0.1, plot)).isEqualTo(400);
        assertThat(ticks.y(1, plot)).isEqualTo(300);
        assertThat(ticks.y(10, plot)).isEqualTo(200);
        assertThat(ticks.y(100, plot)).isEqualTo(100);
        assertThat(BenchmarkChart.LogTicks.covering(new double[] {1_320}).highExponent()).isEqualTo(4);
    }

    /** Six contestants, two scenarios, two guarantees, latency for each contestant. */
    static BenchmarkReport fullReport(boolean allVerified) {
        String[][] conditions = {{"stateless", "at-least-once"}, {"stateless", "exactly-once"},
            {"windowed", "at-least-once"}, {"windowed", "exactly-once"}};
        List<ThroughputRun> throughput = new ArrayList<>();
        for (int condition = 0; condition < conditions.length; condition++) {
            for (int contestant = 0; contestant < ALL.size(); contestant++) {
                boolean verified = allVerified || condition != 3 || contestant != 3;
                throughput.add(new ThroughputRun(conditions[condition][0], conditions[condition][1],
                        ALL.get(contestant), 1_800_000, 1_800_000, 400_000 - 40_000 * condition - 30_000 * contestant,
                        1.5, 3.0, verified, verified ? "1,800,000 of 1,800,000 expected" : "1,799,000 of 1,800,000"));
            }
        }
        List<LatencyRun> latency = new ArrayList<>();
        for (int contestant = 0; contestant < ALL.size(); contestant++) {
            double base = 1 + 3 * contestant;
            latency.add(new LatencyRun("stateless", "at-least-once", ALL.get(contestant), 200_000, 199_000,
                    1_000_000, base, base * 4, base * 12, base * 30));
        }
        return new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of("2 cores"), throughput, latency,
                List.of(new GoalCheck("HyperIoT native p99 ≤ 10 ms", "7.0 ms", true)), List.of());
    }

    private static int pixels(BufferedImage image, Color colour, int fromX, int toX) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                if ((image.getRGB(x, y) & 0xFF_FF_FF) == (colour.getRGB() & 0xFF_FF_FF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int darkPixels(BufferedImage image, int fromX, int toX, int fromY, int toY) {
        int count = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                Color pixel = new Color(image.getRGB(x, y));
                if (pixel.getRed() + pixel.getGreen() + pixel.getBlue() < 3 * 160) {
                    count++;
                }
            }
        }
        return count;
    }
}
