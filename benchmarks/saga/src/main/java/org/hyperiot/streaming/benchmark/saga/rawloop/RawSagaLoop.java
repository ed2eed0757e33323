package org.hyperiot.streaming.benchmark.saga.rawloop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.benchmark.saga.BenchmarkSaga;
import org.hyperiot.streaming.benchmark.saga.ExchangeTopics;

/**
 * The raw kafka-clients contestant of the saga benchmark, run as its own JVM: a transactional
 * request/reply loop as an experienced Kafka user writes it, doing the same message exchange as the
 * node's coordinator and participant host: one coordinator thread ({@link RawCoordinator}) and one
 * thread per participant ({@link RawParticipant}), each with its own consumer and transactional
 * producer. It prints {@code RUNNING} once its threads run and stops on SIGTERM.
 *
 * <pre>
 * java -cp saga-benchmark.jar org.hyperiot.streaming.benchmark.saga.rawloop.RawSagaLoop \
 *   --bootstrap 127.0.0.1:9092 [--topic-prefix raw-saga-] [--compression lz4] \
 *   [--steps reserve:bench-inventory:reserve:release,...]
 * </pre>
 */
public final class RawSagaLoop {

    private RawSagaLoop() {
    }

    public static void main(String[] args) throws Exception {
        RawLoopSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: RawSagaLoop --bootstrap HOST:PORT [--topic-prefix P] [--compression lz4]"
                    + " [--steps name:participant:action:compensation,...] [--session-timeout-ms MS]"
                    + " [--transaction-timeout-ms MS]");
            System.exit(2);
            return;
        }
        RawCoordinator coordinator = new RawCoordinator(settings);
        List<Runnable> stops = new ArrayList<>(List.of(coordinator::stop));
        List<Thread> threads = new ArrayList<>(List.of(new Thread(coordinator, "raw-saga-coordinator")));
        Set<String> participants = new LinkedHashSet<>();
        settings.steps().forEach(step -> participants.add(step.participant()));
        for (String participant : participants) {
            RawParticipant loop = new RawParticipant(settings, participant);
            stops.add(loop::stop);
            threads.add(new Thread(loop, "raw-saga-participant-" + participant));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stops.forEach(Runnable::run);
            for (Thread thread : threads) {
                try {
                    thread.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "raw-saga-loop-stop"));
        threads.forEach(Thread::start);
        System.out.println("RUNNING");
        System.out.flush();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static RawLoopSettings parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String bootstrap = options.remove("bootstrap");
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap is required");
        }
        String prefix = options.getOrDefault("topic-prefix", "raw-saga-");
        options.remove("topic-prefix");
        ExchangeTopics topics = new ExchangeTopics(prefix + "events", prefix + "log", prefix + "commands-",
                prefix + "handled-");
        String steps = options.remove("steps");
        List<BenchmarkSaga.Step> parsedSteps = steps == null ? BenchmarkSaga.STEPS
                : Arrays.stream(steps.split(",")).map(BenchmarkSaga.Step::parse).toList();
        String compression = options.getOrDefault("compression", "lz4");
        options.remove("compression");
        int sessionTimeout = Integer.parseInt(options.getOrDefault("session-timeout-ms", "10000"));
        options.remove("session-timeout-ms");
        int transactionTimeout = Integer.parseInt(options.getOrDefault("transaction-timeout-ms", "10000"));
        options.remove("transaction-timeout-ms");
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + options.keySet());
        }
        return new RawLoopSettings(bootstrap, topics, prefix, parsedSteps, compression, sessionTimeout,
                transactionTimeout);
    }
}
