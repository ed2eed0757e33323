package org.hyperiot.streaming.benchmark.saga.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;
import org.hyperiot.streaming.benchmark.sidebyside.report.Figures;
import org.hyperiot.streaming.benchmark.sidebyside.report.GoalCheck;

/** Renders a {@link SagaReport} as GitHub-flavoured markdown. */
public final class SagaMarkdownReport {

    private static final List<Contestant> CONTESTANTS = List.of(SagaContestants.HYPERIOT, SagaContestants.RAW_LOOP);

    public String render(SagaReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Saga benchmark, ").append(report.date()).append("\n\n");
        md.append("## Environment\n\n");
        bullets(md, report.environment());
        md.append("## HyperIoT against the raw loop\n\n");
        summary(md, report.throughput());
        md.append("## Goals\n\n");
        goals(md, report.goals());
        md.append("## Throughput runs\n\n");
        throughput(md, report.throughput());
        md.append("## The message exchange\n\n");
        exchange(md, report.throughput());
        md.append("## Latency at a share of each system's own maximum\n\n");
        latency(md, report.latency());
        md.append("## How the figures are made\n\n");
        bullets(md, report.method());
        md.append("## Notes\n\n");
        if (report.notes().isEmpty()) {
            md.append("None.\n");
        } else {
            bullets(md, report.notes());
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, List<ThroughputRun> runs) {
        md.append("Medians over the rounds; the ratio is the median of the ratios within each round.\n\n");
        md.append("| figure | ").append(SagaContestants.HYPERIOT.label()).append(" | ")
                .append(SagaContestants.RAW_LOOP.label()).append(" | HyperIoT × raw loop |\n");
        md.append("|---|---:|---:|---:|\n");
        summaryRow(md, runs, "sagas/s", ThroughputRun::sagasPerSecond, 0);
        summaryRow(md, runs, "messages/s", ThroughputRun::messagesPerSecond, 0);
        summaryRow(md, runs, "CPU cores used", ThroughputRun::cpuCores, 2);
        summaryRow(md, runs, "CPU-s per 1,000 sagas (lower is cheaper)", ThroughputRun::cpuSecondsPerThousandSagas, 2);
        md.append('\n');
    }

    private static void summaryRow(StringBuilder md, List<ThroughputRun> runs, String figure,
            ToDoubleFunction<ThroughputRun> value, int decimals) {
        row(md, figure,
                Figures.groupedDecimals(SagaReport.median(runs, SagaContestants.HYPERIOT, value), decimals),
                Figures.groupedDecimals(SagaReport.median(runs, SagaContestants.RAW_LOOP, value), decimals),
                Figures.ratio(SagaReport.medianRatio(runs, SagaContestants.HYPERIOT, SagaContestants.RAW_LOOP, value)));
    }

    private static void goals(StringBuilder md, List<GoalCheck> goals) {
        md.append("| goal | measured | met |\n|---|---|---|\n");
        for (GoalCheck goal : goals) {
            row(md, goal.goal(), goal.measured(), goal.met() ? "met" : "**not met**");
        }
        md.append('\n');
    }

    private static void throughput(StringBuilder md, List<ThroughputRun> runs) {
        if (runs.isEmpty()) {
            md.append("No throughput runs.\n\n");
            return;
        }
        md.append("| round | system | sagas | seconds | sagas/s | messages/s | CPU cores | CPU-s per 1,000 sagas"
                + " | broker cores | benchmark cores | other processes' cores | verified |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ThroughputRun run : runs) {
            row(md, Integer.toString(run.round()), run.contestant().label(), Figures.grouped(run.sagas()),
                    Figures.decimals(run.seconds(), 2), Figures.grouped(run.sagasPerSecond()),
                    Figures.grouped(run.messagesPerSecond()), Figures.decimals(run.cpuCores(), 2),
                    Figures.decimals(run.cpuSecondsPerThousandSagas(), 2), Figures.decimals(run.brokerCores(), 2),
                    Figures.decimals(run.benchmarkCores(), 2), Figures.decimals(run.otherCores(), 2),
                    (run.verified() ? "yes" : "**NO**") + (run.verification().isBlank() ? "" : ": " + run.verification()));
        }
        md.append('\n');
    }

    private static void exchange(StringBuilder md, List<ThroughputRun> runs) {
        md.append("Per saga, over every throughput run of the system, read back `read_committed`; bytes are"
                + " the mean value size of one record of each kind.\n\n");
        md.append("| system | messages per saga | starts | commands | replies | log writes | handled notes"
                + " | start B | command B | reply B | log write B | handled note B |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Contestant contestant : CONTESTANTS) {
            ExchangeCount total = ExchangeCount.NONE;
            long sagas = 0;
            for (ThroughputRun run : runs) {
                if (run.contestant().isSameSystemAs(contestant)) {
                    total = total.plus(run.exchange());
                    sagas += run.sagas();
                }
            }
            if (sagas == 0) {
                continue;
            }
            double perSaga = sagas;
            row(md, contestant.label(), Figures.decimals(total.messagesPerSaga(sagas), 2),
                    Figures.decimals(total.starts() / perSaga, 2), Figures.decimals(total.commands() / perSaga, 2),
                    Figures.decimals(total.replies() / perSaga, 2), Figures.decimals(total.logWrites() / perSaga, 2),
                    Figures.decimals(total.handledNotes() / perSaga, 2),
                    Figures.grouped(ExchangeCount.meanBytes(total.startBytes(), total.starts())),
                    Figures.grouped(ExchangeCount.meanBytes(total.commandBytes(), total.commands())),
                    Figures.grouped(ExchangeCount.meanBytes(total.replyBytes(), total.replies())),
                    Figures.grouped(ExchangeCount.meanBytes(total.logBytes(), total.logWrites())),
                    Figures.grouped(ExchangeCount.meanBytes(total.handledBytes(), total.handledNotes())));
        }
        md.append('\n');
    }

    private static void latency(StringBuilder md, List<LatencyRun> runs) {
        if (runs.isEmpty()) {
            md.append("No latency runs.\n\n");
            return;
        }
        md.append("Start-to-COMPLETED: the COMPLETED log record's append time (broker) minus the feed's send"
                + " time. *Seen*: until the benchmark's `read_committed` reader had the record, after the"
                + " transaction's commit. The medians of the sagas started in each half of the measured seconds"
                + " show whether a backlog grew (the rate was more than the system kept up with).\n\n");
        md.append("| system | target sagas/s | achieved sagas/s | sagas measured | p50 ms | p99 ms | p99.9 ms | max ms"
                + " | seen p50 ms | seen p99 ms | p50 ms, 1st / 2nd half | problem |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LatencyRun run : runs) {
            row(md, run.contestant().label(), Figures.grouped(run.targetRate()), Figures.grouped(run.achievedRate()),
                    Figures.grouped(run.measured()), Figures.grouped(run.appended().p50()),
                    Figures.grouped(run.appended().p99()), Figures.grouped(run.appended().p999()),
                    Figures.grouped(run.appended().max()), Figures.grouped(run.seen().p50()),
                    Figures.grouped(run.seen().p99()),
                    Figures.grouped(run.p50FirstHalf()) + " / " + Figures.grouped(run.p50SecondHalf()),
                    run.problem() == null ? "" : run.problem());
        }
        md.append('\n');
    }

    private static void bullets(StringBuilder md, List<String> items) {
        List<String> lines = new ArrayList<>();
        // A line break inside an item would end the bullet.
        items.forEach(item -> lines.add("- " + item.replaceAll("\\R", " ")));
        md.append(String.join("\n", lines)).append("\n\n");
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell(cell)).append(" |");
        }
        md.append('\n');
    }

    /** Text made safe for a table cell: a bare '|' would start a new column, a line break end the row. */
    static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
