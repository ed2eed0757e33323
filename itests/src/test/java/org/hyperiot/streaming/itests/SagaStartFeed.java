package org.hyperiot.streaming.itests;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.hyperiot.streaming.itests.SagaKillMatrixChecks.OrderKind;
import org.hyperiot.streaming.itests.SagaKillMatrixChecks.Start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts {@code order} sagas over REST at a steady rate, on its own thread, against the nodes in turn,
 * each with an idempotency key of its own; bursts can be added on demand. A start that meets a
 * connection error, a timeout, a 5xx or an answer that is not the API's (a node still starting answers
 * 404 in HTML before its REST resources are registered) is sent again with the same key to the next node
 * until it is answered with a saga, so a retry after a crash can only return the saga the first try may
 * have started. Every answer is kept: the checks hold each key to one saga.
 */
final class SagaStartFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a start keeps being retried before it counts as never answered. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** What the starts with one key got, as they come in. */
    private static final class KeyRecord {
        final String key;
        final OrderKind kind;
        final String orderId;
        final long firstSentAt;
        final Set<String> ids = Collections.synchronizedSet(new LinkedHashSet<>());
        final List<String> answers = Collections.synchronizedList(new ArrayList<>());
        volatile String refusal;
        volatile int sends;

        KeyRecord(String key, OrderKind kind, String orderId, long firstSentAt) {
            this.key = key;
            this.kind = kind;
            this.orderId = orderId;
            this.firstSentAt = firstSentAt;
        }
    }

    /** A start answered with a saga: its id and the time its first request was sent. */
    record Started(String id, OrderKind kind, long firstSentAt) {
    }

    private final List<Http> nodes;
    private final String user;
    private final String password;
    private final String runId;
    private final Duration interval;
    private final IntFunction<OrderKind> mix;
    private final ExecutorService senders = Executors.newFixedThreadPool(32, runnable -> {
        Thread thread = new Thread(runnable, "saga-start-feed-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, KeyRecord> keys = new ConcurrentHashMap<>();
    private final List<Future<?>> pending = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final Map<String, AtomicInteger> retryReasons = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    /** Set on close: retries end at once. */
    private volatile boolean stopRequestedHard;
    private Thread pacer;

    /**
     * @param nodes       the REST API of each node, tried in turn
     * @param perSecond   steady starts per second
     * @param mix         the kind of order {@code n}
     */
    SagaStartFeed(List<Http> nodes, String user, String password, double perSecond, IntFunction<OrderKind> mix) {
        this.nodes = List.copyOf(nodes);
        this.user = user;
        this.password = password;
        this.runId = Long.toString(System.currentTimeMillis(), 36);
        this.interval = Duration.ofNanos((long) (1_000_000_000L / perSecond));
        this.mix = mix;
    }

    void start() {
        pacer = new Thread(this::run, "saga-start-feed");
        pacer.start();
    }

    /** Sagas started at once on top of the steady rate, answered one by one. */
    final class Burst {

        private final List<KeyRecord> records;
        private final List<Future<?>> starts;

        private Burst(List<KeyRecord> records, List<Future<?>> starts) {
            this.records = records;
            this.starts = starts;
        }

        /** The ids answered so far, by kind. */
        Map<OrderKind, List<String>> answered() {
            Map<OrderKind, List<String>> ids = new EnumMap<>(OrderKind.class);
            for (KeyRecord record : records) {
                synchronized (record.ids) {
                    if (!record.ids.isEmpty()) {
                        ids.computeIfAbsent(record.kind, k -> new ArrayList<>()).addAll(record.ids);
                    }
                }
            }
            return ids;
        }

        /** How many of the burst are of each kind. */
        Map<OrderKind, Integer> kinds() {
            Map<OrderKind, Integer> kinds = new EnumMap<>(OrderKind.class);
            records.forEach(record -> kinds.merge(record.kind, 1, Integer::sum));
            return kinds;
        }

        int size() {
            return records.size();
        }

        /** Waits until every start of the burst is answered with a saga, or given up. */
        void await() throws Exception {
            for (Future<?> start : starts) {
                start.get(GIVE_UP_AFTER.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Starts one saga of each of {@code kinds} at once, on top of the steady rate; returns at once. */
    Burst burst(List<OrderKind> kinds) {
        List<KeyRecord> records = new ArrayList<>();
        List<Future<?>> starts = new ArrayList<>();
        for (OrderKind kind : kinds) {
            int n = next.getAndIncrement();
            starts.add(submit(n, kind));
            records.add(keys.get(key(n)));
        }
        return new Burst(records, starts);
    }

    /** Stops the steady starts and waits until every start sent so far is answered or given up. */
    void finish() throws Exception {
        stopRequested = true;
        if (pacer != null) {
            pacer.join(10_000);
        }
        List<Future<?>> all;
        synchronized (pending) {
            all = new ArrayList<>(pending);
        }
        for (Future<?> start : all) {
            start.get(GIVE_UP_AFTER.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        }
    }

    /** Every start so far, answered or not. */
    List<Start> starts() {
        List<Start> starts = new ArrayList<>();
        for (KeyRecord record : keys.values()) {
            Set<String> ids;
            synchronized (record.ids) {
                ids = Set.copyOf(record.ids);
            }
            starts.add(new Start(record.key, record.kind, record.orderId, ids,
                    ids.isEmpty() ? (record.refusal == null ? "still unanswered" : record.refusal) : null));
        }
        return starts;
    }

    /** Sagas answered so far to starts whose first request was sent before {@code millis}. */
    List<Started> startedBefore(long millis) {
        List<Started> started = new ArrayList<>();
        for (KeyRecord record : keys.values()) {
            if (record.firstSentAt < millis) {
                synchronized (record.ids) {
                    record.ids.forEach(id -> started.add(new Started(id, record.kind, record.firstSentAt)));
                }
            }
        }
        return started;
    }

    /** Keys whose first request was sent before {@code millis} and that have no answer yet. */
    long unansweredBefore(long millis) {
        return keys.values().stream().filter(r -> r.firstSentAt < millis && r.ids.isEmpty() && r.refusal == null).count();
    }

    /** The idempotency keys used so far. */
    int keysUsed() {
        return keys.size();
    }

    /** How many starts were sent more than once, and why the sends before the last failed. */
    String retrySummary() {
        long answeredExisting = keys.values().stream().filter(r -> r.sends > 1)
                .filter(r -> {
                    synchronized (r.answers) {
                        return r.answers.contains("200");
                    }
                }).count();
        return String.format("%d starts sent again (%d of them answered 200: the first try had started the saga); "
                + "failed sends by cause: %s", retried.get(), answeredExisting, new TreeMap<>(retryReasons));
    }

    /** {@code POST /sagas} of order {@code n} with its key again on {@code node}: the saga id answered, or the failure. */
    String startAgain(String key, int node) throws Exception {
        KeyRecord record = keys.get(key);
        int n = Integer.parseInt(record.orderId.substring(2));
        HttpResponse<String> response = post(node, key, record.kind.startBody(n));
        if (response.statusCode() != 200) {
            return "status " + response.statusCode() + ": " + response.body();
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private void run() {
        long began = System.nanoTime();
        long sent = 0;
        while (!stopRequested) {
            int n = next.getAndIncrement();
            submit(n, mix.apply(n));
            sent++;
            long wait = began + sent * interval.toNanos() - System.nanoTime();
            if (wait > 0) {
                // Pacing to the feed's rate, not waiting for anything.
                LockSupport.parkNanos(wait);
            }
        }
    }

    private Future<?> submit(int n, OrderKind kind) {
        String key = key(n);
        KeyRecord record = new KeyRecord(key, kind, OrderKind.orderId(n), System.currentTimeMillis());
        keys.put(key, record);
        Future<?> future = senders.submit(() -> startUntilAnswered(n, record));
        pending.add(future);
        return future;
    }

    private String key(int n) {
        return "skm-" + runId + "-" + n;
    }

    private void startUntilAnswered(int n, KeyRecord record) {
        String body = record.kind.startBody(n);
        long giveUpAt = System.currentTimeMillis() + GIVE_UP_AFTER.toMillis();
        for (int attempt = 0; ; attempt++) {
            record.sends = attempt + 1;
            if (attempt == 1) {
                retried.incrementAndGet();
            }
            String failure;
            try {
                HttpResponse<String> response = post((n + attempt) % nodes.size(), record.key, body);
                int status = response.statusCode();
                record.answers.add(Integer.toString(status));
                if (status == 200 || status == 201) {
                    JsonNode saga = JSON.readTree(response.body());
                    record.ids.add(saga.path("id").asText());
                    return;
                }
                boolean fromTheApi = response.headers().firstValue("Content-Type").orElse("").contains("json");
                if (status < 500 && fromTheApi) {
                    // A valid start refused by the API: nothing to retry, the checks report it.
                    record.refusal = status + " " + response.body();
                    return;
                }
                // A 5xx, or an answer from a node whose API is not registered yet (Jetty is up while Karaf
                // starts: CXF answers 404 "No service was found" in HTML): the node cannot serve the start now.
                failure = status + " " + (fromTheApi ? JSON.readTree(response.body()).path("code").asText("?")
                        : "not from the API (" + response.headers().firstValue("Content-Type").orElse("no type") + ")");
            } catch (IOException e) {
                // Connection refused (a killed node), reset, or no answer in time (a frozen node).
                failure = e.getClass().getSimpleName();
            } catch (Exception e) {
                failure = e.toString();
            }
            retryReasons.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
            if (System.currentTimeMillis() > giveUpAt || stopRequestedHard) {
                record.refusal = "given up after " + (attempt + 1) + " sends; the last: " + failure;
                return;
            }
            // Pause between retries of a failed send, as a client would.
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
    }

    private HttpResponse<String> post(int node, String key, String body) throws Exception {
        return nodes.get(node).send("POST", "/sagas", body.getBytes(StandardCharsets.UTF_8), "application/json", user,
                password, Map.of("Idempotency-Key", key));
    }

    @Override
    public void close() {
        stopRequested = true;
        stopRequestedHard = true;
        senders.shutdownNow();
    }
}
