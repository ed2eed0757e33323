package org.hyperiot.streaming.saga.internal.view;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaSummary;
import org.hyperiot.streaming.saga.internal.RetryPacing;
import org.hyperiot.streaming.saga.internal.SagaTopics;
import org.hyperiot.streaming.saga.internal.wire.MalformedRecordException;
import org.hyperiot.streaming.saga.internal.wire.SagaLogCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.hyperiot.streaming.saga.internal.wire.SagaLogSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every saga of the cluster as this node sees it: a reader of every partition of the saga log
 * ({@code read_committed}, from the beginning), keeping each saga's latest value and its line in a
 * list, newest first. This is how any node answers {@code GET /sagas}, wherever the sagas run, and how
 * a node that sent a start learns that the saga exists.
 *
 * <p>A saga's full state is decoded only when asked for; the list is kept from the few top-level
 * members each write carries. Sagas are never removed: the log is compacted, not deleted.
 */
public final class SagaLogView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SagaLogView.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Comparator<SagaSummary> NEWEST_FIRST = Comparator.comparing(SagaSummary::createdAt)
            .reversed().thenComparing(SagaSummary::id);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final SagaLogCodec codec = new SagaLogCodec();
    private final Map<String, Entry> sagas = new ConcurrentHashMap<>();
    private final NavigableSet<SagaSummary> newestFirst = new ConcurrentSkipListSet<>(NEWEST_FIRST);
    private final RetryPacing pacing;
    private final Thread reader;
    private final Object progress = new Object();
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile Consumer<String, byte[]> consumer;
    private volatile String problem = "starting";

    private record Entry(byte[] value, SagaSummary summary, String startRequestId) {
    }

    public SagaLogView(Supplier<Consumer<String, byte[]>> consumers, Duration maxBackoff) {
        this.consumers = consumers;
        this.pacing = new RetryPacing(Duration.ofMillis(200), maxBackoff);
        this.reader = new Thread(this::read, "hyperiot-saga-log-view");
        this.reader.setDaemon(true);
    }

    public void start() {
        reader.start();
    }

    /** A saga's full state, if this node has read it. */
    public Optional<SagaLogRecord> get(String sagaId) {
        Entry entry = sagas.get(sagaId);
        return entry == null ? Optional.empty() : Optional.of(codec.decode(entry.value()));
    }

    /** The id of the request that started the saga, if this node has read it. */
    public Optional<String> startRequestOf(String sagaId) {
        return Optional.ofNullable(sagas.get(sagaId)).map(Entry::startRequestId);
    }

    /**
     * Waits until this node has read the saga.
     *
     * @return whether it has, within the timeout
     */
    public boolean await(String sagaId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!sagas.containsKey(sagaId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /**
     * A page of the sagas the filter keeps, newest first.
     *
     * @throws IllegalArgumentException if the token was not made by this view for this filter
     */
    public SagaPage list(SagaFilter filter, String pageToken, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, not " + limit);
        }
        Iterable<SagaSummary> from = pageToken == null ? newestFirst
                : newestFirst.tailSet(PageToken.read(pageToken, filter), false);
        List<SagaSummary> page = new ArrayList<>();
        for (SagaSummary saga : from) {
            if (!filter.matches(current(saga))) {
                continue;
            }
            if (page.size() == limit) {
                return new SagaPage(page, PageToken.write(page.get(page.size() - 1), filter));
            }
            page.add(current(saga));
        }
        return new SagaPage(page, null);
    }

    /** How many sagas are in each state, per definition. */
    public Map<String, Map<SagaState, Long>> countsByDefinition() {
        Map<String, Map<SagaState, Long>> counts = new HashMap<>();
        for (Entry entry : sagas.values()) {
            counts.computeIfAbsent(entry.summary().definition(), name -> new EnumMap<>(SagaState.class))
                    .merge(entry.summary().state(), 1L, Long::sum);
        }
        return counts;
    }

    /** Whether the reader has read every partition to the end once since it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the view is not being kept up to date right now, or {@code null} when it is. */
    public String problem() {
        return problem;
    }

    private SagaSummary current(SagaSummary indexed) {
        Entry entry = sagas.get(indexed.id());
        return entry == null ? indexed : entry.summary();
    }

    private void read() {
        while (running) {
            try (Consumer<String, byte[]> reading = consumers.get()) {
                consumer = reading;
                readWith(reading);
            } catch (WakeupException | InterruptException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                problem = e.toString();
                Duration pause = pacing.failed();
                if (pacing.failuresInARow() == 1) {
                    if (e instanceof MissingLogTopicException) {
                        LOG.info("Saga log view: {}; reading it once a coordinator has created it", e.getMessage());
                    } else {
                        LOG.warn("Saga log view: reading failed, trying again in {} ms: {}", pause.toMillis(), e.toString());
                    }
                }
                sleep(pause);
            } finally {
                consumer = null;
            }
        }
    }

    private void readWith(Consumer<String, byte[]> reading) {
        List<TopicPartition> partitions = partitions(reading);
        // Sagas already read stay: re-reading from the beginning after a failure only refreshes them.
        reading.assign(partitions);
        reading.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = caughtUp ? Map.of() : new HashMap<>(reading.endOffsets(partitions));
        long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        while (running) {
            ConsumerRecords<String, byte[]> records = reading.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                apply(record);
            }
            if (!records.isEmpty()) {
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
            problem = null;
            pacing.succeeded();
            if (!caughtUp) {
                ends.entrySet().removeIf(end -> reading.position(end.getKey()) >= end.getValue());
                caughtUp = ends.isEmpty();
            }
            if (System.nanoTime() > nextPartitionCheck) {
                nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                if (partitions(reading).size() != partitions.size()) {
                    return;
                }
            }
        }
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> reading) {
        List<PartitionInfo> infos = reading.partitionsFor(SagaTopics.LOG);
        if (infos == null || infos.isEmpty()) {
            throw new MissingLogTopicException("topic '" + SagaTopics.LOG + "' does not exist yet");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            // A tombstone: the coordinator removed a saga settled for longer than the retention.
            Entry removed = sagas.remove(record.key());
            if (removed != null) {
                newestFirst.remove(removed.summary());
            }
            return;
        }
        SagaLogSummary summary;
        try {
            summary = codec.summary(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("Saga log view: skipped an unreadable value for saga '{}' at {}-{}@{}: {}", record.key(),
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!Objects.equals(summary.saga().id(), record.key())) {
            LOG.warn("Saga log view: skipped a value for saga '{}' keyed '{}' at {}-{}@{}", summary.saga().id(),
                    record.key(), record.topic(), record.partition(), record.offset());
            return;
        }
        Entry previous = sagas.put(record.key(), new Entry(record.value(), summary.saga(), summary.startRequestId()));
        if (previous == null || !previous.summary().createdAt().equals(summary.saga().createdAt())) {
            if (previous != null) {
                newestFirst.remove(previous.summary());
            }
            newestFirst.add(summary.saga());
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The saga log is not there yet: on a new cluster, until a coordinator has created it. */
    private static final class MissingLogTopicException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingLogTopicException(String message) {
            super(message);
        }
    }

    /**
     * Page tokens: the last saga of the page before (creation time and id, the list's order) and a
     * fingerprint of the filter, so a token cannot be used with another filter.
     */
    static final class PageToken {

        private PageToken() {
        }

        static String write(SagaSummary last, SagaFilter filter) {
            String text = "1|" + last.createdAt() + "|" + last.id() + "|" + fingerprint(filter);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static SagaSummary read(String token, SagaFilter filter) {
            String text;
            try {
                text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("page token is not one this service made");
            }
            String[] parts = text.split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals("1")) {
                throw new IllegalArgumentException("page token is not one this service made");
            }
            if (!parts[3].equals(fingerprint(filter))) {
                throw new IllegalArgumentException("page token was made for another filter");
            }
            try {
                // Only createdAt and id take part in the order.
                return new SagaSummary(parts[2], "", SagaState.RUNNING, Instant.parse(parts[1]), Instant.EPOCH, null);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("page token is not one this service made");
            }
        }

        private static String fingerprint(SagaFilter filter) {
            return Integer.toHexString(Objects.hash(filter.state(), filter.definition(), filter.createdAfter(),
                    filter.createdBefore()));
        }
    }
}
