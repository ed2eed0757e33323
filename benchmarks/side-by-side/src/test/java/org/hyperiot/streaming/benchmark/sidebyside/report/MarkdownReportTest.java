package org.hyperiot.streaming.benchmark.sidebyside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final String STATELESS = "stateless";
    private static final String WINDOWED = "windowed";
    private static final String ALO = "at-least-once";
    private static final String EOS = "exactly-once";

    private final MarkdownReport markdown = new MarkdownReport();

    @Test
    void comparesEachRunWithTheReferencesOfItsOwnScenarioAndGuarantee() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.RAW_LOOP, 400_000),
                run(STATELESS, ALO, Contestant.KAFKA_STREAMS, 200_000),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 372_000),
                run(STATELESS, EOS, Contestant.RAW_LOOP, 300_000),
                run(STATELESS, EOS, Contestant.KAFKA_STREAMS, 100_000),
                run(STATELESS, EOS, Contestant.HYPERIOT_NATIVE, 279_000),
                run(WINDOWED, ALO, Contestant.RAW_LOOP, 250_000),
                run(WINDOWED, ALO, Contestant.KAFKA_STREAMS, 125_000),
                run(WINDOWED, ALO, Contestant.HYPERIOT_NATIVE, 279_000)));

        String text = markdown.render(report, "chart.png");

        assertThat(throughputRow(text, STATELESS, ALO, "HyperIoT native")).containsSubsequence("372,000", "0.93 ×",
                "1.86 ×");
        assertThat(throughputRow(text, STATELESS, EOS, "HyperIoT native")).containsSubsequence("279,000", "0.93 ×",
                "2.79 ×");
        assertThat(throughputRow(text, WINDOWED, ALO, "HyperIoT native")).containsSubsequence("279,000", "1.12 ×",
                "2.23 ×");
        assertThat(throughputRow(text, WINDOWED, ALO, "raw kafka-clients loop")).containsSubsequence("250,000",
                "1.00 ×", "2.00 ×");
        assertThat(throughputRow(text, WINDOWED, ALO, "Kafka Streams 4.3.1")).containsSubsequence("125,000",
                "0.50 ×", "1.00 ×");
    }

    @Test
    void aKafkaStreamsRunWithAnotherVersionLabelIsStillTheKafkaStreamsReference() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.kafkaStreams("4.4.0"), 200_000),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 300_000)));

        List<String> row = throughputRow(markdown.render(report, "chart.png"), STATELESS, ALO, "HyperIoT native");

        assertThat(row.get(5)).isEqualTo("1.50 ×");
    }

    @Test
    void writesADashWhenTheReferenceRunIsMissingOrHasNoRate() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.RAW_LOOP, 400_000),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 380_000),
                // Kafka Streams ran only at exactly-once: no reference for at-least-once.
                run(STATELESS, EOS, Contestant.KAFKA_STREAMS, 100_000),
                run(STATELESS, EOS, Contestant.RAW_LOOP, 0),
                run(STATELESS, EOS, Contestant.HYPERIOT_NATIVE, 200_000),
                run(WINDOWED, ALO, Contestant.RAW_LOOP, Double.NaN),
                run(WINDOWED, ALO, Contestant.HYPERIOT_MICRO_BATCH, 90_000)));

        String text = markdown.render(report, "chart.png");

        List<String> noKafkaStreams = throughputRow(text, STATELESS, ALO, "HyperIoT native");
        assertThat(noKafkaStreams.get(4)).isEqualTo("0.95 ×");
        assertThat(noKafkaStreams.get(5)).isEqualTo("–");
        List<String> rawLoopAtZero = throughputRow(text, STATELESS, EOS, "HyperIoT native");
        assertThat(rawLoopAtZero.get(4)).isEqualTo("–");
        assertThat(rawLoopAtZero.get(5)).isEqualTo("2.00 ×");
        assertThat(throughputRow(text, STATELESS, EOS, "raw kafka-clients loop").get(4)).isEqualTo("–");
        List<String> rawLoopUnknown = throughputRow(text, WINDOWED, ALO, "HyperIoT micro-batch");
        assertThat(rawLoopUnknown.get(4)).isEqualTo("–");
        assertThat(rawLoopUnknown.get(5)).isEqualTo("–");
        assertThat(throughputRow(text, WINDOWED, ALO, "raw kafka-clients loop").get(3)).isEqualTo("–");
    }

    @Test
    void comparesCpuTimePerRecordWithTheRawLoopOfTheSameScenarioAndGuarantee() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.RAW_LOOP, 400_000, 3.0),
                run(STATELESS, ALO, Contestant.KAFKA_STREAMS, 200_000, 4.5),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 380_000, 3.6),
                run(STATELESS, EOS, Contestant.RAW_LOOP, 300_000, 4.0),
                run(STATELESS, EOS, Contestant.HYPERIOT_NATIVE, 250_000, 6.2),
                run(WINDOWED, ALO, Contestant.RAW_LOOP, 600_000, 2.0),
                run(WINDOWED, ALO, Contestant.HYPERIOT_NATIVE, 500_000, 3.0)));

        String text = markdown.render(report, "chart.png");

        assertThat(throughputRow(text, STATELESS, ALO, "HyperIoT native").subList(7, 9))
                .containsExactly("3.60", "1.20 ×");
        assertThat(throughputRow(text, STATELESS, ALO, "Kafka Streams 4.3.1").subList(7, 9))
                .containsExactly("4.50", "1.50 ×");
        assertThat(throughputRow(text, STATELESS, ALO, "raw kafka-clients loop").subList(7, 9))
                .containsExactly("3.00", "1.00 ×");
        assertThat(throughputRow(text, STATELESS, EOS, "HyperIoT native").subList(7, 9))
                .containsExactly("6.20", "1.55 ×");
        assertThat(throughputRow(text, WINDOWED, ALO, "HyperIoT native").subList(7, 9))
                .containsExactly("3.00", "1.50 ×");
    }

    @Test
    void writesADashForTheCpuRatioWhenEitherCpuFigureIsUnknown() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.RAW_LOOP, 400_000, Double.NaN),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 380_000, 3.6),
                run(STATELESS, EOS, Contestant.RAW_LOOP, 300_000, 4.0),
                run(STATELESS, EOS, Contestant.HYPERIOT_NATIVE, 250_000, Double.NaN),
                run(WINDOWED, ALO, Contestant.HYPERIOT_NATIVE, 500_000, 3.0)));

        String text = markdown.render(report, "chart.png");

        assertThat(throughputRow(text, STATELESS, ALO, "HyperIoT native").subList(7, 9))
                .containsExactly("3.60", "–");
        assertThat(throughputRow(text, STATELESS, EOS, "HyperIoT native").subList(7, 9))
                .containsExactly("–", "–");
        assertThat(throughputRow(text, WINDOWED, ALO, "HyperIoT native").subList(7, 9))
                .containsExactly("3.00", "–");
    }

    @Test
    void groupsRunsByScenarioThenGuaranteeInTheOrderTheyFirstAppear() {
        BenchmarkReport report = report(List.of(
                run(WINDOWED, EOS, Contestant.RAW_LOOP, 1),
                run(STATELESS, ALO, Contestant.RAW_LOOP, 2),
                run(WINDOWED, ALO, Contestant.RAW_LOOP, 3),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 4),
                run(WINDOWED, EOS, Contestant.HYPERIOT_NATIVE, 5)));

        List<String> order = tableRows(markdown.render(report, "chart.png"), "| scenario | guarantee | system |")
                .stream().map(cells -> cells.get(0) + " " + cells.get(1) + " " + cells.get(3)).toList();

        assertThat(order).containsExactly("windowed exactly-once 1", "windowed exactly-once 5",
                "windowed at-least-once 3", "stateless at-least-once 2", "stateless at-least-once 4");
    }

    @Test
    void marksUnverifiedOutputAndStillShowsItsRatios() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.RAW_LOOP, 400_000),
                run(STATELESS, ALO, Contestant.KAFKA_STREAMS, 200_000),
                new ThroughputRun(STATELESS, ALO, Contestant.HYPERIOT_MICRO_BATCH, 1_800_000, 1_799_000, 420_000,
                        1.5, 3.2, false, "1,799,000 of 1,800,000 expected, 0 duplicates")));

        String text = markdown.render(report, "chart.png");

        List<String> row = throughputRow(text, STATELESS, ALO, "HyperIoT micro-batch");
        assertThat(row.get(9)).isEqualTo("**NO**: 1,799,000 of 1,800,000 expected, 0 duplicates");
        assertThat(row.subList(4, 6)).containsExactly("1.05 ×", "2.10 ×");
        assertThat(row.subList(7, 9)).containsExactly("3.20", "1.28 ×");
        assertThat(throughputRow(text, STATELESS, ALO, "raw kafka-clients loop").get(9))
                .isEqualTo("yes: 1,800,000 of 1,800,000 expected, 0 duplicates");
    }

    @Test
    void putsTheKafkaAndStormEnginesSideBySideWithTheHandWrittenStormTopology() {
        BenchmarkReport report = report(List.of(
                run(STATELESS, ALO, Contestant.RAW_LOOP, 400_000, 3.0),
                run(STATELESS, ALO, Contestant.STORM_TOPOLOGY, 100_000, 8.0),
                run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 380_000, 3.6),
                run(STATELESS, ALO, Contestant.HYPERIOT_STORM, 95_000, 7.5),
                run(STATELESS, EOS, Contestant.HYPERIOT_NATIVE, 300_000, 4.0),
                new ThroughputRun(STATELESS, EOS, Contestant.HYPERIOT_STORM, 1_800_000, 1_700_000, 90_000, 1.0, 7.0,
                        false, "1,700,000 of 1,800,000 expected"),
                run(WINDOWED, ALO, Contestant.HYPERIOT_NATIVE, 500_000, 3.0)));

        String text = markdown.render(report, "chart.png");

        List<List<String>> rows = tableRows(text, "| scenario | guarantee | kafka engine records/s");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(STATELESS, ALO, "380,000", "95,000", "0.25 ×", "3.60", "7.50",
                "100,000", "0.95 ×");
        // A wrong output keeps its figures, marked, and gives no ratio; no hand-written topology at exactly-once.
        assertThat(rows.get(1)).containsExactly(STATELESS, EOS, "300,000", "90,000 (wrong output)", "–", "4.00",
                "7.00 (wrong output)", "–", "–");
        assertThat(text.indexOf("## Kafka and Storm engines")).isBetween(text.indexOf("## Throughput"),
                text.indexOf("## Latency"));
        // In the main table too, beside the others.
        assertThat(throughputRow(text, STATELESS, ALO, "HyperIoT on Storm")).containsSubsequence("95,000", "0.24 ×");
        assertThat(throughputRow(text, STATELESS, ALO, "hand-written Storm topology")).containsSubsequence("100,000",
                "0.25 ×");
    }

    @Test
    void leavesOutTheEnginesTableWithoutARunOnStorm() {
        String text = markdown.render(report(List.of(run(STATELESS, ALO, Contestant.HYPERIOT_NATIVE, 380_000))),
                "chart.png");

        assertThat(text).doesNotContain("## Kafka and Storm engines");
    }

    @Test
    void escapesPipesAndLineBreaksSoEveryRowKeepsItsColumns() {
        BenchmarkReport report = new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of("JVM | 17"),
                List.of(new ThroughputRun("state|less", ALO, new Contestant("x", "sys | tem"), 10, 9, 10, 1, 2, false,
                        "9 of 10 | 1 missing\nsee log")),
                List.of(new LatencyRun("state|less", ALO, new Contestant("x", "sys | tem"), 1, 1, 1, 1, 1, 1, 1)),
                List.of(new GoalCheck("a | b", "c|d", false)), List.of());

        String text = markdown.render(report, "chart.png");

        assertThat(text).contains("| state\\|less | at-least-once | sys \\| tem | 10 |");
        assertThat(text).contains("**NO**: 9 of 10 \\| 1 missing see log |");
        assertThat(text).contains("| a \\| b | c\\|d | **not met** |");
        assertThat(columnCounts(text)).containsOnly(10, 3);
    }

    @Test
    void writesLargeNumbersWithCommaThousandsWhateverTheDefaultLocale() {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            BenchmarkReport report = new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of(),
                    List.of(new ThroughputRun(STATELESS, ALO, Contestant.RAW_LOOP, 12_000_000, 12_000_000,
                            1_234_567.6, 1.25, 1_012.345, true, "")),
                    List.of(new LatencyRun(STATELESS, ALO, Contestant.RAW_LOOP, 617_283.8, 600_000.4, 12_345_678,
                            0.44, 12.34, 1_320.04, Double.NaN)),
                    List.of(), List.of());

            String text = markdown.render(report, "chart.png");

            assertThat(throughputRow(text, STATELESS, ALO, "raw kafka-clients loop"))
                    .containsExactly(STATELESS, ALO, "raw kafka-clients loop", "1,234,568", "1.00 ×", "–", "1.25",
                            "1012.35", "1.00 ×", "yes");
            assertThat(tableRows(text, "| scenario | guarantee | system | target").get(0))
                    .containsExactly(STATELESS, ALO, "raw kafka-clients loop", "617,284", "600,000", "12,345,678",
                            "0.4", "12.3", "1,320.0", "–");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void rendersTitleEnvironmentChartGoalsAndNotes() {
        BenchmarkReport report = new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of("2 cores", "OpenJDK 17"),
                List.of(), List.of(),
                List.of(new GoalCheck("HyperIoT stateless at-least-once ≥ 0.9 × raw loop", "0.93 ×", true)),
                List.of("Broker shares the machine."));

        String text = markdown.render(report, "side-by-side.png");

        assertThat(text).startsWith("# Side-by-side benchmark, 2025-06-03\n");
        assertThat(text).contains("## Environment\n\n- 2 cores\n- OpenJDK 17\n");
        assertThat(text).contains("![throughput and latency](side-by-side.png)");
        assertThat(text).contains("| HyperIoT stateless at-least-once ≥ 0.9 × raw loop | 0.93 × | met |");
        assertThat(text).contains("## Notes\n\n- Broker shares the machine.\n");
        assertThat(text).contains("No throughput runs.").contains("No latency runs.");
    }

    @Test
    void leavesOutTheNotesSectionWhenThereAreNone() {
        String text = markdown.render(report(List.of()), "chart.png");

        assertThat(text).doesNotContain("## Notes");
    }

    private static ThroughputRun run(String scenario, String guarantee, Contestant contestant, double rate) {
        return run(scenario, guarantee, contestant, rate, 2.5);
    }

    private static ThroughputRun run(String scenario, String guarantee, Contestant contestant, double rate,
            double cpuSecondsPerMillionRecords) {
        return new ThroughputRun(scenario, guarantee, contestant, 1_800_000, 1_800_000, rate, 1.0,
                cpuSecondsPerMillionRecords, true, "1,800,000 of 1,800,000 expected, 0 duplicates");
    }

    private static BenchmarkReport report(List<ThroughputRun> runs) {
        return new BenchmarkReport(LocalDate.of(2025, 6, 3), List.of(), runs, List.of(), List.of(), List.of());
    }

    private static List<String> throughputRow(String markdown, String scenario, String guarantee, String system) {
        return tableRows(markdown, "| scenario | guarantee | system | records/s").stream()
                .filter(cells -> cells.get(0).equals(scenario) && cells.get(1).equals(guarantee)
                        && cells.get(2).equals(system))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + scenario + " " + guarantee + " " + system
                        + " in\n" + markdown));
    }

    /** The body rows of the table whose header line starts with {@code header}, split into cells. */
    private static List<List<String>> tableRows(String markdown, String header) {
        List<String> lines = markdown.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                start = i + 2;
                break;
            }
        }
        assertThat(start).as("table " + header).isPositive();
        List<List<String>> rows = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        return rows;
    }

    private static List<Integer> columnCounts(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("|")).map(line -> cells(line).size()).toList();
    }

    /** Splits a table row at the pipes Markdown sees as column separators. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '|' && row.charAt(i - 1) != '\\') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
