package org.hyperiot.streaming.benchmark.saga;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.benchmark.kafka.Directories;
import org.hyperiot.streaming.benchmark.kafka.EmbeddedBrokerProcess;
import org.hyperiot.streaming.benchmark.saga.report.ExchangeCount;
import org.hyperiot.streaming.benchmark.saga.report.LatencyQuantiles;
import org.hyperiot.streaming.benchmark.saga.report.LatencyRun;
import org.hyperiot.streaming.benchmark.saga.report.SagaGoals;
import org.hyperiot.streaming.benchmark.saga.report.SagaMarkdownReport;
import org.hyperiot.streaming.benchmark.saga.report.SagaReport;
import org.hyperiot.streaming.benchmark.saga.report.ThroughputRun;
import org.hyperiot.streaming.benchmark.sidebyside.CpuTimeline;
import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/**
 * Three-step sagas on one node of the distribution against a hand-written kafka-clients transactional
 * request/reply loop doing the same message exchange, in one run, on one broker. Each contestant first
 * runs a warm-up burst; then, per round, each runs a burst of sagas whose starts are all sent at once
 * (maximum throughput, CPU); then each runs sagas at a share of its own maximum (start-to-COMPLETED
 * latency). Writes {@code <results-dir>/<date>-saga.md}; exits 1 if a run failed or a saga did not
 * complete exactly once.
 */
public final class SagaBenchmark {

    /** How the figures are made, for the report's readers. */
    private static final List<String> METHOD = List.of(
            "The saga: three steps one after the other (reserve, charge, ship), each with a compensation, each run by"
                    + " a participant that does nothing and succeeds at once with an empty output. On the node they"
                    + " are three DS components of a bundle built by this module and dropped into deploy/; the raw"
                    + " loop has its own. No effects are written: the benchmark measures the saga machinery.",
            "Starts go straight to each contestant's events topic, keyed by saga id, from the benchmark's"
                    + " idempotent producer (acks=all, no linger), as the node's own POST /sagas writes them (the"
                    + " CoordinatorEvent.Start JSON with the definition as the node stored it); HTTP is not measured."
                    + " The raw loop's start carries no definition: its steps are in its code.",
            "Completion is read from each contestant's saga log (read_committed): a saga is done when its COMPLETED"
                    + " state is there. Both logs are created by the benchmark, compacted, with"
                    + " message.timestamp.type=LogAppendTime, so every log record carries the broker's append time.",
            "sagas/s: a burst of N starts sent at once; N over the time from the first start sent to the last"
                    + " COMPLETED record's append time. The contestant is warm (its own warm-up burst ran before).",
            "messages/s: starts + commands + replies + saga log writes of the run, counted by reading the topics back"
                    + " read_committed (only what counted; nothing of an aborted transaction), over the same time."
                    + " A saga without a retry is 1 + 3 + 3 + 4 = 11 messages. The handled-command notes that both"
                    + " write with each reply are shown beside them but are not messages.",
            "CPU: CPU time of the contestant's process (the whole node JVM, or the raw loop's JVM; never the"
                    + " broker's nor the benchmark's), sampled every 100 ms, over the same time; per 1,000 sagas and"
                    + " as cores used. Beside them, over the same time: the broker's cores (it serves the contestant's"
                    + " requests and transactions on the same 2 cores), the benchmark's own JVM's (the feed and the log"
                    + " reader) and every other process's (from /proc/stat: other work on the shared machine), which"
                    + " say how much of the machine the contestant could have had.",
            "Latency: sagas started at a steady rate (a share of the contestant's own median sagas/s), warm-up"
                    + " seconds first; for each saga started in the measured seconds, the COMPLETED record's append"
                    + " time minus the feed's send time (whole milliseconds, one clock: all on one machine),"
                    + " quantiles by nearest rank. The append time is before the transaction commits; 'seen' is"
                    + " when the benchmark's read_committed reader had the record, after the commit.",
            "The raw loop: one JVM, one coordinator thread (consumer group on its events topic; per poll one"
                    + " transaction writing each saga's state to its compacted log partition and the next command to"
                    + " the participant's topic, offsets sent to the transaction) and one thread per participant"
                    + " (per poll one transaction: reply to the events topic and a handled note keyed by command id,"
                    + " offsets in the transaction; a command answered before is answered from its note). State"
                    + " restored from the log and the notes on assignment; any error restarts the thread's clients"
                    + " and restores. It retries a retryable failure at once and has no compensation (never"
                    + " exercised here). Same partitions and client settings as the node's saga clients.");

    private final SagaBenchmarkOptions options;
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(5);

    private final List<String> notes = new ArrayList<>();
    private final List<String> idle = new ArrayList<>();
    private final Map<Contestant, CompletionObserver> observers = new LinkedHashMap<>();
    private final Map<Contestant, SagaFeed> feeds = new HashMap<>();
    private final Map<Contestant, ExchangeCounter> counters = new HashMap<>();
    private String bootstrapServers;
    private long brokerPid;

    private SagaBenchmark(SagaBenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(SagaBenchmarkOptions.usage());
            return;
        }
        SagaBenchmarkOptions options;
        try {
            options = SagaBenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SagaBenchmarkOptions.usage());
            System.exit(2);
            return;
        }
        System.exit(new SagaBenchmark(options).run() ? 0 : 1);
    }

    /** Runs everything; true if every run finished with every saga completed exactly once. */
    private boolean run() throws Exception {
        Directories.deleteRecursively(options.workDir());
        Files.createDirectories(options.workDir());
        List<ThroughputRun> throughput = new ArrayList<>();
        List<LatencyRun> latency = new ArrayList<>();
        List<String> environment;
        try (EmbeddedBrokerProcess broker = EmbeddedBrokerProcess.start(options.brokerClasspath(),
                options.workDir().resolve("broker"), Duration.ofSeconds(120))) {
            bootstrapServers = broker.bootstrapServers();
            brokerPid = broker.pid();
            log("broker on %s", bootstrapServers);
            createTopics();
            List<SagaContestant> contestants = new ArrayList<>();
            try {
                for (String id : options.contestants()) {
                    contestants.add(start(id));
                }
                for (SagaContestant contestant : contestants) {
                    Contestant who = contestant.contestant();
                    observers.put(who, new CompletionObserver(bootstrapServers, contestant.topics().log()));
                    feeds.put(who, new SagaFeed(bootstrapServers, contestant.topics().events(), contestant.starts(),
                            options.compression()));
                    counters.put(who, new ExchangeCounter(bootstrapServers, contestant.topics(),
                            BenchmarkSaga.participants()));
                }
                for (SagaContestant contestant : contestants) {
                    warmUp(contestant);
                }
                for (SagaContestant contestant : contestants) {
                    measureIdle(contestant);
                }
                for (int round = 1; round <= options.rounds(); round++) {
                    List<SagaContestant> order = new ArrayList<>(contestants);
                    if (round % 2 == 0) {
                        Collections.reverse(order);
                    }
                    for (SagaContestant contestant : order) {
                        throughput.add(measureThroughput(round, contestant));
                    }
                }
                if (options.latency()) {
                    for (SagaContestant contestant : contestants) {
                        measureLatency(contestant, throughput).ifPresent(latency::add);
                    }
                }
                environment = environment();
            } finally {
                for (SagaFeed feed : feeds.values()) {
                    feed.close();
                }
                for (CompletionObserver observer : observers.values()) {
                    observer.close();
                }
                for (SagaContestant contestant : contestants) {
                    try {
                        contestant.close();
                    } catch (Exception e) {
                        System.err.println("could not stop " + contestant.contestant().label() + ": " + e);
                    }
                }
            }
        }
        SagaReport report = new SagaReport(LocalDate.now(), environment, throughput, latency,
                SagaGoals.evaluate(throughput, latency), METHOD, notes);
        Path markdown = write(report);
        log("report: %s", markdown);
        return throughput.stream().allMatch(ThroughputRun::verified)
                && latency.stream().allMatch(run -> run.problem() == null);
    }

    private SagaContestant start(String id) throws Exception {
        long starting = System.nanoTime();
        SagaContestant contestant;
        if (id.equals("hyperiot")) {
            String javaOptions = options.profile() ? flightRecording("hyperiot-node") : "";
            contestant = HyperIotSagaNode.start(options.distribution(), options.workDir().resolve("node"),
                    bootstrapServers, options.participantsBundle(), javaOptions);
        } else {
            List<String> jvmOptions = options.profile() ? List.of(flightRecording("raw-loop")) : List.of();
            contestant = RawLoopProcess.start(bootstrapServers, options.compression(), jvmOptions,
                    options.workDir().resolve("raw-loop"));
        }
        log("%s up in %.1f s (pid %d)", contestant.contestant().label(), seconds(starting), contestant.pid());
        return contestant;
    }

    private String flightRecording(String name) throws IOException {
        Path profiles = Files.createDirectories(options.workDir().resolve("profiles"));
        return "-XX:StartFlightRecording=filename=" + profiles.resolve(name + ".jfr").toAbsolutePath()
                + ",settings=profile,dumponexit=true";
    }

    /**
     * The exchange's topics of both contestants, made before either starts: the logs with the broker's
     * append time. The node creates its participants' commands and handled topics itself, as the raw
     * loop's are made here: same partitions, handled notes compacted and kept 7 days.
     */
    private void createTopics() throws Exception {
        int partitions = SagaBenchmarkOptions.PARTITIONS;
        Map<String, String> log = Map.of("cleanup.policy", "compact", "message.timestamp.type", "LogAppendTime");
        Map<String, String> handled = Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000");
        List<NewTopic> topics = new ArrayList<>();
        for (ExchangeTopics exchange : List.of(ExchangeTopics.HYPERIOT, ExchangeTopics.RAW_LOOP)) {
            topics.add(new NewTopic(exchange.events(), partitions, (short) 1));
            topics.add(new NewTopic(exchange.log(), partitions, (short) 1).configs(log));
        }
        for (String participant : BenchmarkSaga.participants()) {
            topics.add(new NewTopic(ExchangeTopics.RAW_LOOP.commands(participant), partitions, (short) 1));
            topics.add(new NewTopic(ExchangeTopics.RAW_LOOP.handled(participant), partitions, (short) 1)
                    .configs(handled));
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    private void warmUp(SagaContestant contestant) throws Exception {
        Contestant who = contestant.contestant();
        SagaRun run = new SagaRun("w" + shortId(who), options.warmUpSagas());
        observers.get(who).track(run);
        long started = System.nanoTime();
        log("%s: warm-up, %,d sagas ...", who.label(), run.capacity());
        feeds.get(who).burst(run);
        // The node's first sagas wait for its participants to join their groups: more time than a run.
        String failure = await(run, contestant, null, null, null, null, options.runTimeout().plusMinutes(5));
        observers.get(who).untrack(run);
        if (failure != null) {
            throw new IllegalStateException(who.label() + " did not finish its warm-up: " + failure);
        }
        double burstRate = run.capacity() / seconds(started);
        log("%s: warm-up burst done in %.1f s", who.label(), seconds(started));
        if (!options.warmUpSteady().isZero()) {
            // Then a steady half of that rate: a burst is over before the JIT compilers of the broker and the
            // contestant are done with their hot paths, and on two cores their compiling shows in every hop
            // (a cold broker tripled the time of each hop of the first latency runs).
            double rate = burstRate / 2;
            SagaRun steady = new SagaRun("v" + shortId(who),
                    (int) Math.ceil(rate * options.warmUpSteady().toMillis() / 1000.0) + 16);
            observers.get(who).track(steady);
            log("%s: warm-up, %,.0f sagas/s for %d s ...", who.label(), rate, options.warmUpSteady().toSeconds());
            feeds.get(who).paced(steady, rate, options.warmUpSteady());
            feeds.get(who).flush();
            String late = await(steady, contestant, null, null, null, null, options.runTimeout());
            observers.get(who).untrack(steady);
            if (late != null) {
                throw new IllegalStateException(who.label() + " did not finish its steady warm-up: " + late);
            }
        }
        log("%s: warm-up done in %.1f s", who.label(), seconds(started));
    }

    /**
     * What the contestant's process uses with no saga to run (for the node: heartbeats, health checks,
     * polls of every idle consumer), which its CPU figures include.
     */
    private void measureIdle(SagaContestant contestant) throws InterruptedException {
        long pid = contestant.pid();
        double before = cpuSeconds(pid);
        long started = System.nanoTime();
        Thread.sleep(IDLE_SAMPLE.toMillis());
        double cores = (cpuSeconds(pid) - before) / seconds(started);
        log("%s: %.3f cores used while idle", contestant.contestant().label(), cores);
        idle.add(String.format(Locale.ROOT, "%s idle: %.3f cores (over %d s after its warm-up, included in its CPU"
                + " figures)", contestant.contestant().label(), cores, IDLE_SAMPLE.toSeconds()));
    }

    private ThroughputRun measureThroughput(int round, SagaContestant contestant) throws Exception {
        Contestant who = contestant.contestant();
        ExchangeCounter counter = counters.get(who);
        Map<TopicPartition, Long> before = endOffsets(counter.countedTopics());
        SagaRun run = new SagaRun("t" + round + shortId(who), options.sagas());
        CompletionObserver observer = observers.get(who);
        observer.track(run);
        CpuTimeline cpu = new CpuTimeline();
        CpuTimeline brokerCpu = new CpuTimeline();
        CpuTimeline selfCpu = new CpuTimeline();
        CpuTimeline machineCpu = new CpuTimeline();
        log("%s: round %d, %,d sagas at once ...", who.label(), round, run.capacity());
        sample(cpu, contestant.pid(), brokerCpu, selfCpu, machineCpu);
        feeds.get(who).burst(run);
        String failure = await(run, contestant, cpu, brokerCpu, selfCpu, machineCpu, options.runTimeout());
        sample(cpu, contestant.pid(), brokerCpu, selfCpu, machineCpu);
        // Late log records of this run (a saga completed twice) would still count: give them a moment.
        Thread.sleep(500);
        observer.untrack(run);
        ExchangeCount exchange = counter.count(run, before, Duration.ofSeconds(120));
        long first = run.sentAt(0);
        long last = 0;
        for (int index = 0; index < run.capacity(); index++) {
            last = Math.max(last, run.completedAppend(index));
        }
        double seconds = last > first ? (last - first) / 1000.0 : Double.NaN;
        double cpuSeconds = last > first ? cpu.secondsBetween(first, last) : Double.NaN;
        double brokerCpuSeconds = last > first ? brokerCpu.secondsBetween(first, last) : Double.NaN;
        double benchmarkCpuSeconds = last > first ? selfCpu.secondsBetween(first, last) : Double.NaN;
        double otherCpuSeconds = last > first ? machineCpu.secondsBetween(first, last) - cpuSeconds - brokerCpuSeconds
                - benchmarkCpuSeconds : Double.NaN;
        String verification = verification(run, exchange);
        boolean verified = failure == null && run.completed() == run.capacity() && run.repeatedCompletions() == 0
                && run.otherStates() == 0;
        if (failure != null) {
            verification = failure + "; " + verification;
        }
        ThroughputRun result = new ThroughputRun(round, who, run.capacity(), run.completed(), seconds, exchange,
                cpuSeconds, brokerCpuSeconds, benchmarkCpuSeconds, otherCpuSeconds, verified, verification);
        log("%s: round %d: %,.0f sagas/s, %,.0f messages/s, %.2f cores, %.2f CPU-s per 1,000 sagas (%.1f CPU-s over"
                + " the whole run); broker %.2f, benchmark %.2f, other processes %.2f cores; %s", who.label(),
                round, result.sagasPerSecond(), result.messagesPerSecond(), result.cpuCores(),
                result.cpuSecondsPerThousandSagas(), cpu.totalSeconds(), result.brokerCores(), result.benchmarkCores(),
                result.otherCores(),
                (verified ? "" : "NOT VERIFIED: ") + verification);
        if (!verified) {
            notes.add(who.label() + ", round " + round + ": " + verification);
        }
        return result;
    }

    /** What the run's sagas did, against what a saga without retries does. */
    static String verification(SagaRun run, ExchangeCount exchange) {
        long sagas = run.capacity();
        int steps = BenchmarkSaga.STEPS.size();
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%,d of %,d COMPLETED", run.completed(), sagas));
        if (run.repeatedCompletions() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d COMPLETED again", run.repeatedCompletions()));
        }
        if (run.otherStates() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d log records in another state (last %s)", run.otherStates(),
                    run.lastOtherState()));
        }
        List<String> unexpected = new ArrayList<>();
        expect(unexpected, "starts", exchange.starts(), sagas);
        expect(unexpected, "commands", exchange.commands(), sagas * steps);
        expect(unexpected, "replies", exchange.replies(), sagas * steps);
        expect(unexpected, "log writes", exchange.logWrites(), sagas * (steps + 1));
        expect(unexpected, "handled notes", exchange.handledNotes(), sagas * steps);
        parts.add(unexpected.isEmpty() ? String.format(Locale.ROOT, "%,d messages as expected", exchange.messages())
                : String.join(", ", unexpected));
        return String.join("; ", parts);
    }

    private static void expect(List<String> unexpected, String what, long counted, long expected) {
        if (counted != expected) {
            unexpected.add(String.format(Locale.ROOT, "%,d %s (%,d expected)", counted, what, expected));
        }
    }

    private Optional<LatencyRun> measureLatency(SagaContestant contestant, List<ThroughputRun> throughput)
            throws Exception {
        Contestant who = contestant.contestant();
        double maximum = SagaReport.median(throughput, who, ThroughputRun::sagasPerSecond);
        if (!(maximum > 0)) {
            log("%s: no verified throughput, so no latency run", who.label());
            return Optional.empty();
        }
        double rate = options.latencyRate() > 0 ? options.latencyRate() : maximum * options.latencyLoad();
        double totalSeconds = (options.latencyWarmUp().toMillis() + options.latencyMeasured().toMillis()) / 1000.0;
        SagaRun run = new SagaRun("l" + shortId(who), (int) Math.ceil(rate * totalSeconds) + 16);
        CompletionObserver observer = observers.get(who);
        observer.track(run);
        SagaFeed feed = feeds.get(who);
        log("%s: latency at %,.0f sagas/s ...", who.label(), rate);
        feed.paced(run, rate, options.latencyWarmUp());
        int from = run.sent();
        long measureStart = System.nanoTime();
        feed.paced(run, rate, options.latencyMeasured());
        int to = run.sent();
        double measuredSeconds = (System.nanoTime() - measureStart) / 1e9;
        feed.flush();
        String failure = await(run, contestant, null, null, null, null, Duration.ofSeconds(120));
        observer.untrack(run);
        long[] appended = new long[to - from];
        long[] seen = new long[to - from];
        int samples = 0;
        int firstHalfSamples = 0;
        int middle = from + (to - from) / 2;
        for (int index = from; index < to; index++) {
            if (run.completedAppend(index) != 0) {
                appended[samples] = run.completedAppend(index) - run.sentAt(index);
                seen[samples] = run.completedSeen(index) - run.sentAt(index);
                samples++;
                if (index < middle) {
                    firstHalfSamples = samples;
                }
            }
        }
        // The feed sends at an even pace, so the first half of the sagas is the first half of the seconds.
        double p50FirstHalf = LatencyQuantiles.of(Arrays.copyOfRange(appended, 0, firstHalfSamples)).p50();
        double p50SecondHalf = LatencyQuantiles.of(Arrays.copyOfRange(appended, firstHalfSamples, samples)).p50();
        String problem = null;
        if (samples < to - from) {
            problem = String.format(Locale.ROOT, "%,d of %,d measured sagas COMPLETED%s", samples, to - from,
                    failure == null ? "" : " (" + failure + ")");
        } else if (run.repeatedCompletions() > 0 || run.otherStates() > 0) {
            problem = String.format(Locale.ROOT, "%,d COMPLETED again, %,d records in another state",
                    run.repeatedCompletions(), run.otherStates());
        }
        LatencyRun result = new LatencyRun(who, rate, (to - from) / measuredSeconds, to - from,
                LatencyQuantiles.of(Arrays.copyOf(appended, samples)),
                LatencyQuantiles.of(Arrays.copyOf(seen, samples)), p50FirstHalf, p50SecondHalf, problem);
        log("%s: latency p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms over %,d sagas at %,.0f sagas/s"
                + " (p50 %.0f ms in the first half, %.0f ms in the second)%s", who.label(), result.appended().p50(),
                result.appended().p99(), result.appended().p999(), result.appended().max(), samples,
                result.achievedRate(), p50FirstHalf, p50SecondHalf, problem == null ? "" : "; " + problem);
        if (problem != null) {
            notes.add(who.label() + ", latency: " + problem);
        }
        return Optional.of(result);
    }

    /**
     * Waits until every saga the feed sent for {@code run} has COMPLETED, sampling the contestant's CPU
     * time meanwhile if asked; returns why it cannot finish, or null once done.
     */
    private String await(SagaRun run, SagaContestant contestant, CpuTimeline cpu, CpuTimeline brokerCpu,
            CpuTimeline selfCpu, CpuTimeline machineCpu, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextCheck = System.nanoTime();
        CompletionObserver observer = observers.get(contestant.contestant());
        while (run.completed() < run.sent()) {
            if (cpu != null) {
                sample(cpu, contestant.pid(), brokerCpu, selfCpu, machineCpu);
            }
            if (System.nanoTime() > deadline) {
                return String.format(Locale.ROOT, "%,d of %,d sagas COMPLETED after %d s", run.completed(), run.sent(),
                        timeout.toSeconds());
            }
            if (System.nanoTime() > nextCheck) {
                Optional<String> failed = contestant.failure();
                if (failed.isPresent()) {
                    return failed.get();
                }
                if (observer.failure() != null) {
                    return "the saga log could not be read: " + observer.failure();
                }
                nextCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            }
            Thread.sleep(100);
        }
        return null;
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(partition -> request.put(
                        new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(60, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private List<String> environment() {
        Runtime runtime = Runtime.getRuntime();
        List<String> environment = new ArrayList<>();
        environment.add(String.format(Locale.ROOT, "%d cores, Java %s (%s), %s %s", runtime.availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch")));
        environment.add("one embedded KRaft broker (the distribution's), on the same machine, in its own JVM");
        String latencyRate = options.latencyRate() > 0
                ? String.format(Locale.ROOT, "%,.0f sagas/s for every contestant", options.latencyRate())
                : String.format(Locale.ROOT, "%.0f %% of each contestant's own maximum", options.latencyLoad() * 100);
        environment.add(String.format(Locale.ROOT,
                "%,d sagas per throughput run, %d round(s), after a warm-up of %,d sagas at once then %d s at half"
                        + " that rate per contestant; latency at %s, %d s warm-up + %d s measured",
                options.sagas(), options.rounds(), options.warmUpSagas(), options.warmUpSteady().toSeconds(), latencyRate,
                options.latencyWarmUp().toSeconds(), options.latencyMeasured().toSeconds()));
        environment.add(String.format(Locale.ROOT,
                "every topic of the exchange %d partitions, replication 1; every reader read_committed; writers"
                        + " transactional (transaction.timeout.ms 10000), idempotent, acks=all, linger.ms 1, %s"
                        + " compression; consumer groups with session.timeout.ms 10000, max.poll.records 500"
                        + " (coordinator) and 200 (participants), as the node's saga clients",
                SagaBenchmarkOptions.PARTITIONS, options.compression()));
        environment.add("HyperIoT: one node of the distribution (bin/streaming start), 1 GiB heap, its whole JVM"
                + " measured (coordinator, participant host, saga log view, and the rest of the node idle); raw"
                + " loop: its own JVM, 1 GiB heap, 1 coordinator thread + 3 participant threads");
        environment.addAll(idle);
        for (Map.Entry<Contestant, CompletionObserver> observer : observers.entrySet()) {
            TimestampType type = observer.getValue().timestampType();
            if (type != null && type != TimestampType.LOG_APPEND_TIME) {
                notes.add(observer.getKey().label() + "'s saga log had " + type + " timestamps, not the broker's"
                        + " append time: its latencies are from the writer's clock");
            }
        }
        if (!options.note().isBlank()) {
            environment.add(options.note());
        }
        return environment;
    }

    private Path write(SagaReport report) throws IOException {
        Files.createDirectories(options.resultsDir());
        String base = report.date() + "-saga";
        for (int attempt = 2; Files.exists(options.resultsDir().resolve(base + ".md")); attempt++) {
            base = report.date() + "-saga-" + attempt;
        }
        Path markdown = options.resultsDir().resolve(base + ".md");
        String text = new SagaMarkdownReport().render(report);
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(text);
        return markdown;
    }

    /** A letter for run tags: h for HyperIoT, r for the raw loop. */
    private static String shortId(Contestant contestant) {
        return contestant.id().startsWith("raw") ? "r" : "h";
    }

    /** Samples the contestant's, the broker's, this JVM's and the whole machine's CPU time at one moment. */
    private void sample(CpuTimeline cpu, long pid, CpuTimeline brokerCpu, CpuTimeline selfCpu, CpuTimeline machineCpu) {
        long now = System.currentTimeMillis();
        cpu.add(now, cpuSeconds(pid));
        brokerCpu.add(now, cpuSeconds(brokerPid));
        selfCpu.add(now, cpuSeconds(ProcessHandle.current().pid()));
        machineCpu.add(now, MachineBusy.seconds());
    }

    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration())
                .map(duration -> duration.toNanos() / 1e9)
                .orElse(Double.NaN);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void log(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[saga] " + format + "%n", arguments);
        System.out.flush();
    }
}
