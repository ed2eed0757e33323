package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.Arrays;
import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskMetrics;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.ValueFormat;
import org.hyperiot.streaming.engine.state.StateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of a stream on this node: a consumer in the stream's group, a producer, and one engine
 * task per source partition it is assigned. The guarantee decides the order of commit and send
 * (SPEC §5):
 *
 * <ul>
 *   <li>at-most-once: outputs wait in memory; the input offsets are committed, then they are sent;</li>
 *   <li>at-least-once: outputs are sent at once; at commit time the producer is flushed, and the
 *       offsets are committed only if every output and changelog write was acknowledged;</li>
 *   <li>exactly-once: outputs, changelog writes and offsets go in one transaction of a producer
 *       whose transactional id belongs to this worker; input is read with {@code read_committed}.</li>
 * </ul>
 *
 * <p>Any error other than a poison record without a dead-letter topic ends the attempt: the open
 * transaction is aborted, the clients are closed, and a new attempt starts from the committed offsets
 * with tasks restored from the changelog, so no uncommitted state survives. A poison record without a
 * dead-letter topic leaves the worker {@code FAILED} until the stream is restarted.
 */
final class StreamWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** A commit refused because the group rebalanced is retried at once, at most this often. */
    private static final long IMMEDIATE_RETRY_SPACING_MS = 30_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WAITING_RETRY = Duration.ofMillis(500);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** How many transaction timeouts a changelog transaction may stay open before it counts as hanging. */
    private static final int HANGING_AFTER_TIMEOUTS = 3;

    private final StreamDefinition definition;
    private final KafkaConnector connector;
    private final ProcessorCatalog catalog;
    private final WorkerSettings settings;
    private final int index;
    private final Clock clock;
    private final Guarantee guarantee;
    private final boolean microBatch;
    private final boolean stateful;
    private final long commitIntervalMs;
    private final ValueFormat sinkFormat;
    private final String changelogTopic;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final LatencyHistogram latency = new LatencyHistogram();

    private volatile boolean stopRequested;
    private volatile boolean suspendRequested;
    private volatile boolean attempting;
    private volatile StreamState state = StreamState.REBALANCING;
    private volatile String lastError;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile List<TaskReport> reports = List.of();
    private volatile long commits;

    // Owned by the worker thread during one attempt.
    private Producer<byte[], byte[]> producer;
    private Consumer<byte[], byte[]> restoreConsumer;
    /** Created on first need, to look for transactions left open on a changelog partition. */
    private Admin admin;
    private final Map<TopicPartition, PartitionTask> tasks = new LinkedHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch = new HashMap<>();
    private final List<ProducerRecord<byte[], byte[]>> heldOutputs = new ArrayList<>();
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Callback sendCallback = (metadata, error) -> {
        if (error != null) {
            sendError.compareAndSet(null, error);
        }
    };
    private long[] inputTimestamps = new long[1024];
    private int inputCount;
    private int batchRecords;
    private long lastCommit;
    private long batchStarted;
    private boolean inTransaction;
    private boolean healthy;

    StreamWorker(StreamDefinition definition, KafkaConnector connector, ProcessorCatalog catalog,
            WorkerSettings settings, int index, Clock clock) {
        this.definition = definition;
        this.connector = connector;
        this.catalog = catalog;
        this.settings = settings;
        this.index = index;
        this.clock = clock;
        this.guarantee = definition.guarantee();
        this.microBatch = definition.mode() == ProcessingMode.MICRO_BATCH;
        this.stateful = definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
        this.commitIntervalMs = definition.commitInterval().toMillis();
        this.sinkFormat = ValueFormat.of(definition.sink().format());
        this.changelogTopic = StreamResources.changelogTopic(definition.name());
    }

    /** Asks the worker to commit what it processed and end; callable from any thread. */
    void stop() {
        stopRequested = true;
        wake();
    }

    /**
     * Asks the worker to commit, release its processors and leave the group until every processor
     * it needs is registered again (a processor bundle is going away).
     */
    void suspend() {
        suspendRequested = true;
        wake();
    }

    /** True once a suspended worker has closed its tasks, so it no longer calls any processor. */
    boolean isSuspended() {
        return suspendRequested && !attempting;
    }

    StreamState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    long commits() {
        return commits;
    }

    LatencyHistogram latency() {
        return latency;
    }

    /** The tasks as of the last commit. */
    List<TaskReport> reports() {
        return reports;
    }

    private void wake() {
        stopSignal.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        long backoffMs = 1000;
        long lastImmediateRetry = Long.MIN_VALUE / 2;
        while (!stopRequested) {
            if (suspendRequested) {
                if (!awaitProcessors()) {
                    continue;
                }
                suspendRequested = false;
            }
            try {
                try {
                    attempt();
                } catch (RuntimeException e) {
                    throw rootOfCallback(e);
                }
                backoffMs = 1000;
            } catch (MissingProcessorException e) {
                enter(StreamState.WAITING, e.getMessage());
                suspendRequested = true;
            } catch (StreamProcessingException e) {
                enter(StreamState.FAILED, e.getMessage());
                LOG.error("Stream {} worker {} failed: {}", definition.name(), index, e.getMessage(), e);
                return;
            } catch (RuntimeException e) {
                if (stopRequested) {
                    break;
                }
                enter(StreamState.REBALANCING, e.toString());
                long now = clock.millis();
                if (e instanceof CommitFailedException && now - lastImmediateRetry > IMMEDIATE_RETRY_SPACING_MS) {
                    // The group moved on while this worker committed (a worker or node joined): nothing
                    // is wrong with Kafka, so waiting would only add to the stall. Once, though: a
                    // second such failure soon after waits like any other error.
                    lastImmediateRetry = now;
                    LOG.info("Stream {} worker {}: {}; starting again from the last commit now",
                            definition.name(), index, e.toString());
                    continue;
                }
                LOG.warn("Stream {} worker {}: {}; starting again from the last commit in {} ms",
                        definition.name(), index, e, backoffMs, e);
                pause(Duration.ofMillis(backoffMs));
                backoffMs = Math.min(backoffMs * 2, settings.maxRetryBackoff().toMillis());
            }
        }
        enter(StreamState.STOPPED, lastError);
    }

    /**
     * Kafka wraps what a rebalance callback throws; a missing processor or a poison record found while
     * opening or committing tasks there must be handled as if thrown directly.
     */
    private static RuntimeException rootOfCallback(RuntimeException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingProcessorException || cause instanceof StreamProcessingException) {
                return (RuntimeException) cause;
            }
        }
        return error;
    }

    /** Waits until every processor and aggregator the definition names is registered. */
    private boolean awaitProcessors() {
        List<String> missing = catalog.missing(definition);
        if (missing.isEmpty()) {
            return true;
        }
        enter(StreamState.WAITING, "waiting for processors " + String.join(", ", missing));
        pause(WAITING_RETRY);
        return false;
    }

    private void enter(StreamState next, String error) {
        state = next;
        lastError = error;
        reports = reports.stream().map(report -> report.with(next, error)).toList();
    }

    private void pause(Duration delay) {
        try {
            stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** One life of the clients: from creating them to closing them, after a clean stop or an error. */
    private void attempt() {
        attempting = true;
        healthy = true;
        sendError.set(null);
        try {
            producer = connector.newProducer(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
            if (guarantee == Guarantee.EXACTLY_ONCE) {
                producer.initTransactions();
            }
            if (stateful) {
                restoreConsumer = connector.newConsumer(restoreConsumerConfig(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
            }
            consumer = connector.newConsumer(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(definition.source().topics(), new Rebalance());
            lastCommit = clock.millis();
            while (!stopRequested && !suspendRequested) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    continue;
                }
                if (state != StreamState.RUNNING && !tasks.isEmpty()) {
                    enter(StreamState.RUNNING, null);
                }
                long now = clock.millis();
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
                    if (microBatch) {
                        batch.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(polled);
                        batchRecords += polled.size();
                    } else {
                        PartitionTask task = tasks.get(partition);
                        for (ConsumerRecord<byte[], byte[]> record : polled) {
                            task.task().process(sourceRecord(record));
                            admitted(record);
                        }
                        advanced(partition, polled);
                    }
                }
                if (microBatch && batchRecords > 0 && batchStarted == 0) {
                    batchStarted = now;
                }
                for (PartitionTask task : tasks.values()) {
                    task.task().advanceProcessingTime(now);
                }
                if (commitDue(now)) {
                    commit();
                }
            }
            commit();
        } catch (RuntimeException e) {
            healthy = false;
            abortQuietly();
            throw e;
        } finally {
            closeAll();
            attempting = false;
        }
    }

    private boolean commitDue(long now) {
        if (!microBatch) {
            return now - lastCommit >= commitIntervalMs;
        }
        long interval = definition.batch().interval().toMillis();
        if (batchRecords == 0) {
            // A batch processed but not committed (the group was rebalancing) is retried after an interval.
            return !progress.isEmpty() && now - lastCommit >= interval;
        }
        return batchRecords >= definition.batch().maxRecords() || now - batchStarted >= interval;
    }

    /** Records that {@code processed}, the last records polled from {@code partition}, are done with. */
    private void advanced(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> processed) {
        // Once per partition and poll rather than per record: the offsets only matter at commit.
        if (processed.isEmpty()) {
            return;
        }
        progress.put(partition, new OffsetAndMetadata(processed.get(processed.size() - 1).offset() + 1));
    }

    /** Counts a processed record for the latency figures. */
    private void admitted(ConsumerRecord<byte[], byte[]> record) {
        if (inputCount == inputTimestamps.length) {
            inputTimestamps = Arrays.copyOf(inputTimestamps, inputCount * 2);
        }
        inputTimestamps[inputCount++] = record.timestamp();
    }

    private void dropGathered(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<ConsumerRecord<byte[], byte[]>> gathered = batch.remove(partition);
            if (gathered != null) {
                batchRecords -= gathered.size();
            }
        }
        if (batchRecords == 0) {
            batchStarted = 0;
        }
    }

    private void processBatch() {
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : batch.entrySet()) {
            PartitionTask task = tasks.get(entry.getKey());
            if (task == null) {
                continue;
            }
            List<SourceRecord> input = new ArrayList<>(entry.getValue().size());
            entry.getValue().forEach(record -> input.add(sourceRecord(record)));
            task.task().processBatch(input);
            entry.getValue().forEach(this::admitted);
            advanced(entry.getKey(), entry.getValue());
        }
        batch.clear();
        batchRecords = 0;
        batchStarted = 0;
    }

    /** Processes the micro-batch gathered so far, if any, and commits. */
    private void commit() {
        if (microBatch) {
            processBatch();
        }
        commitProcessed();
    }

    /**
     * Makes everything processed so far durable as the guarantee requires, leaving records gathered
     * for a micro-batch as they are. Also called when partitions are revoked, so that the next owner
     * starts exactly where this one ended.
     */
    private void commitProcessed() {
        List<ProducerRecord<byte[], byte[]>> changelog = new ArrayList<>();
        for (PartitionTask task : tasks.values()) {
            task.task().prepareCommit();
            for (StateChange change : task.drainChanges()) {
                changelog.add(new ProducerRecord<>(changelogTopic, task.partition.partition(),
                        ChangelogKeys.key(task.partition, change), change.value()));
            }
        }
        long now = clock.millis();
        if (progress.isEmpty() && changelog.isEmpty() && heldOutputs.isEmpty() && !inTransaction) {
            lastCommit = now;
            publishReports();
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(progress);
        switch (guarantee) {
            case AT_MOST_ONCE -> {
                if (!offsets.isEmpty() && !commitOffsets(offsets)) {
                    // Offsets first: until they are committed, the outputs and changes stay held.
                    heldOutputs.addAll(changelog);
                    return;
                }
                // Offsets first: a crash from here on loses these outputs but never repeats them.
                heldOutputs.forEach(output -> producer.send(output, sendCallback));
                changelog.forEach(change -> producer.send(change, sendCallback));
                heldOutputs.clear();
                Exception failed = sendError.getAndSet(null);
                if (failed != null) {
                    LOG.warn("Stream {}: outputs lost under at-most-once: {}", definition.name(), failed.toString());
                }
            }
            case AT_LEAST_ONCE -> {
                changelog.forEach(change -> producer.send(change, sendCallback));
                producer.flush();
                Exception failed = sendError.getAndSet(null);
                if (failed != null) {
                    throw new IllegalStateException("an output was not acknowledged; the offsets are not committed", failed);
                }
                if (!offsets.isEmpty() && !commitOffsets(offsets)) {
                    return;
                }
            }
            case EXACTLY_ONCE -> {
                beginTransaction();
                changelog.forEach(change -> producer.send(change, sendCallback));
                if (!offsets.isEmpty()) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                }
                producer.commitTransaction();
                inTransaction = false;
                Exception failed = sendError.getAndSet(null);
                if (failed != null) {
                    throw new IllegalStateException("a transactional send failed", failed);
                }
            }
        }
        long committedAt = clock.millis();
        latency.recordSince(committedAt, inputTimestamps, inputCount);
        inputCount = 0;
        progress.clear();
        commits++;
        lastCommit = committedAt;
        publishReports();
    }

    /**
     * Commits the input offsets; false if the group is rebalancing. That is not an error: the progress
     * is kept, the next poll completes the rebalance, and the revocation (or the next commit) commits
     * it. Ending the attempt instead would process everything since the last commit again.
     */
    private boolean commitOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            return true;
        } catch (RebalanceInProgressException e) {
            LOG.debug("Stream {} worker {}: commit postponed, the group is rebalancing", definition.name(), index);
            lastCommit = clock.millis();
            return false;
        }
    }

    private void publishReports() {
        List<TaskReport> current = new ArrayList<>(tasks.size());
        for (PartitionTask task : tasks.values()) {
            TaskMetrics metrics = task.task().metrics();
            OptionalLong lag = consumer == null ? OptionalLong.empty() : consumer.currentLag(task.partition);
            current.add(new TaskReport(task.partition, state, lastError, metrics, lag.orElse(0)));
        }
        reports = List.copyOf(current);
    }

    private void beginTransaction() {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    private void abortQuietly() {
        if (inTransaction && producer != null) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                // A fenced or failed producer cannot abort; the broker aborts the transaction when the
                // next producer with this transactional id starts, or when it times out.
                LOG.debug("Stream {}: abort failed: {}", definition.name(), e.toString());
            }
        }
        inTransaction = false;
        heldOutputs.clear();
        progress.clear();
        batch.clear();
        batchRecords = 0;
        batchStarted = 0;
        inputCount = 0;
    }

    private void closeAll() {
        Consumer<byte[], byte[]> closing = consumer;
        if (closing != null) {
            try {
                // Leaving the group revokes the partitions: a healthy worker has committed already,
                // so the revocation only drops the tasks.
                closing.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.debug("Stream {}: closing the consumer failed: {}", definition.name(), e.toString());
            }
        }
        consumer = null;
        closeTasks(new ArrayList<>(tasks.keySet()));
        if (restoreConsumer != null) {
            restoreConsumer.close(CLOSE_TIMEOUT);
            restoreConsumer = null;
        }
        if (admin != null) {
            admin.close(CLOSE_TIMEOUT);
            admin = null;
        }
        if (producer != null) {
            try {
                producer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.debug("Stream {}: closing the producer failed: {}", definition.name(), e.toString());
            }
            producer = null;
        }
        reports = List.of();
    }

    private void closeTasks(Collection<TopicPartition> partitions) {
        dropGathered(partitions);
        for (TopicPartition partition : partitions) {
            PartitionTask task = tasks.remove(partition);
            if (task != null) {
                task.close();
            }
            // Not ours any more: a later commit must not move the new owner's offsets.
            progress.remove(partition);
        }
    }

    private void emit(ProducerRecord<byte[], byte[]> output) {
        switch (guarantee) {
            case AT_MOST_ONCE -> heldOutputs.add(output);
            case AT_LEAST_ONCE -> producer.send(output, sendCallback);
            case EXACTLY_ONCE -> {
                beginTransaction();
                producer.send(output, sendCallback);
            }
        }
    }

    private PartitionTask openTask(TopicPartition partition) {
        PartitionTask task = new PartitionTask(partition);
        StreamTask.Builder builder = StreamTask.builder(definition)
                .processors(catalog)
                .output(new Output())
                .partitions(List.of(new SourcePartition(partition.topic(), partition.partition())))
                .processingTime(clock.millis());
        if (stateful) {
            builder.stateListener(task::changed);
        }
        StreamTask streamTask = builder.build();
        task.bind(streamTask);
        if (stateful) {
            streamTask.restore(readChangelog(partition));
            // Restoring replays the changes through the listener; they are already in the changelog.
            task.drainChanges();
        }
        try {
            streamTask.open();
        } catch (RuntimeException e) {
            streamTask.close();
            throw e;
        }
        return task;
    }

    private List<StateChange> readChangelog(TopicPartition source) {
        TopicPartition changelogPartition = changelogPartition(source);
        restoreConsumer.assign(List.of(changelogPartition));
        restoreConsumer.seekToBeginning(List.of(changelogPartition));
        long end = restoreConsumer.endOffsets(List.of(changelogPartition)).get(changelogPartition);
        List<StateChange> changes = new ArrayList<>();
        while (restoreConsumer.position(changelogPartition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : restoreConsumer.poll(POLL)) {
                StateChange change = ChangelogKeys.change(source, record.key(), record.value());
                if (change != null) {
                    changes.add(change);
                }
            }
            if (stopRequested) {
                throw new IllegalStateException("stopped while restoring " + source);
            }
        }
        restoreConsumer.unsubscribe();
        return changes;
    }

    private TopicPartition changelogPartition(TopicPartition source) {
        return new TopicPartition(changelogTopic, source.partition());
    }

    /**
     * Waits until no transaction is open on the changelog partitions of newly assigned sources: a
     * {@code read_committed} restore stops at the first record of an open transaction and would miss
     * everything after it. The previous owner's last transaction (a crashed node's) ends within the
     * transaction timeout; one still open long after that was lost by its coordinator and never ends
     * (see {@link HangingTransactions}), so it is aborted, which is what Kafka's
     * {@code kafka-transactions.sh abort} does. One request asks about all the partitions at once.
     */
    private void awaitNoOpenTransactions(Collection<TopicPartition> sources) {
        List<TopicPartition> partitions = sources.stream().map(this::changelogPartition).toList();
        Map<TopicPartition, HangingTransactions> watches = new HashMap<>();
        boolean reported = false;
        while (true) {
            Map<TopicPartition, List<ProducerState>> open = openTransactions(partitions);
            if (open.isEmpty()) {
                return;
            }
            if (!reported) {
                LOG.info("Stream {} worker {}: transactions are open on changelog partitions {}; restoring once they end",
                        definition.name(), index, open.keySet());
                reported = true;
            }
            long now = clock.millis();
            for (Map.Entry<TopicPartition, List<ProducerState>> partition : open.entrySet()) {
                HangingTransactions watch = watches.computeIfAbsent(partition.getKey(), p ->
                        new HangingTransactions(settings.transactionTimeout().multipliedBy(HANGING_AFTER_TIMEOUTS)));
                for (ProducerState hanging : watch.hanging(partition.getValue(), now)) {
                    abort(partition.getKey(), hanging);
                }
            }
            if (stopRequested) {
                throw new IllegalStateException("stopped while waiting for transactions on " + open.keySet());
            }
            pause(WAITING_RETRY);
        }
    }

    private void abort(TopicPartition partition, ProducerState hanging) {
        LOG.warn("Stream {} worker {}: aborting the transaction of producer {} open on {} since offset {} "
                + "for more than {} transaction timeouts; its coordinator no longer knows it",
                definition.name(), index, hanging.producerId(), partition,
                hanging.currentTransactionStartOffset().getAsLong(), HANGING_AFTER_TIMEOUTS);
        kafkaCall(admin().abortTransaction(new AbortTransactionSpec(partition, hanging.producerId(),
                (short) hanging.producerEpoch(), hanging.coordinatorEpoch().orElse(-1))).all());
    }

    /** The producers with an open transaction, by partition; partitions without one are left out. */
    private Map<TopicPartition, List<ProducerState>> openTransactions(List<TopicPartition> partitions) {
        Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
        kafkaCall(admin().describeProducers(partitions).all()).forEach((partition, state) -> {
            List<ProducerState> inTransaction = state.activeProducers().stream()
                    .filter(producer -> producer.currentTransactionStartOffset().isPresent()).toList();
            if (!inTransaction.isEmpty()) {
                open.put(partition, inTransaction);
            }
        });
        return open;
    }

    private Admin admin() {
        if (admin == null) {
            admin = connector.newAdmin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG,
                    StreamResources.prefix(definition.name()) + settings.nodeId() + "-" + index + "-admin"));
        }
        return admin;
    }

    private static <T> T kafkaCall(KafkaFuture<T> call) {
        try {
            return call.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private SourceRecord sourceRecord(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = Map.of();
        if (record.headers().iterator().hasNext()) {
            headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return SourceRecord.ofPayload(new SourcePartition(record.topic(), record.partition()), record.offset(), key,
                record.value(), record.timestamp(), headers);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, StreamResources.groupId(definition.name()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, StreamResources.prefix(definition.name()) + settings.nodeId() + "-" + index);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, definition.source().startFrom().name().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, settings.sessionTimeout().toMillis() / 4)));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
        return config;
    }

    private Map<String, Object> restoreConsumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, null);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, StreamResources.prefix(definition.name()) + settings.nodeId() + "-" + index + "-restore");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, StreamResources.prefix(definition.name()) + settings.nodeId() + "-" + index);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        if (guarantee == Guarantee.EXACTLY_ONCE) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    StreamResources.transactionalId(definition.name(), settings.nodeId(), index));
            // Another node taking over a crashed worker's partitions cannot fence its transactional id,
            // so its open transaction holds back read_committed readers until the broker aborts it.
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    Integer.toString((int) settings.transactionTimeout().toMillis()));
        }
        return config;
    }

    /** Writes what the tasks produce to the sink, late-record and dead-letter topics. */
    private final class Output implements TaskOutput {

        @Override
        public void result(StreamRecord record) {
            RecordHeaders headers = new RecordHeaders();
            record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            emit(new ProducerRecord<>(definition.sink().topic(), null, record.timestamp(), bytes(record.key()),
                    sinkFormat.encode(record.value()), headers));
        }

        @Override
        public void late(LateRecord late) {
            RecordHeaders headers = sourceHeaders(late.source());
            headers.add("hyperiot.late.reason", bytes(late.reason()));
            headers.add("hyperiot.late.watermark", bytes(Long.toString(late.watermark())));
            emit(new ProducerRecord<>(definition.lateRecords().topic(), null, late.source().timestamp(),
                    bytes(late.source().key()), late.source().payload(), headers));
        }

        @Override
        public void deadLetter(DeadLetterRecord deadLetter) {
            RecordHeaders headers = sourceHeaders(deadLetter.source());
            headers.add("hyperiot.error.class", bytes(deadLetter.errorClass()));
            headers.add("hyperiot.error.message", bytes(deadLetter.errorMessage() == null ? "" : deadLetter.errorMessage()));
            emit(new ProducerRecord<>(definition.deadLetter().topic(), null, deadLetter.source().timestamp(),
                    bytes(deadLetter.source().key()), deadLetter.source().payload(), headers));
        }

        private RecordHeaders sourceHeaders(SourceRecord source) {
            RecordHeaders headers = new RecordHeaders();
            source.headers().forEach((name, value) -> headers.add(name, bytes(value)));
            headers.add("hyperiot.source.topic", bytes(source.topic()));
            headers.add("hyperiot.source.partition", bytes(Integer.toString(source.partition().partition())));
            headers.add("hyperiot.source.offset", bytes(Long.toString(source.offset())));
            headers.add("hyperiot.stream", bytes(definition.name()));
            return headers;
        }

        private byte[] bytes(String value) {
            return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Keeps the tasks in step with the partitions the group gives this worker. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (healthy) {
                // Only what is processed: records gathered for the next micro-batch are not processed
                // here but dropped with the tasks (their offsets are not committed, so the next owner
                // reads them again). The callback stays short, and under exactly-once the transaction
                // commits while this member's generation is still the group's (a long one failed with
                // CommitFailedException).
                commitProcessed();
            }
            closeTasks(partitions);
            publishReports();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: nothing processed since the last commit may be
            // committed, and the state of every task may hold uncommitted changes. Start over.
            healthy = false;
            throw new IllegalStateException("partitions " + partitions + " were lost to the group");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (stateful && !partitions.isEmpty()) {
                awaitNoOpenTransactions(partitions);
            }
            for (TopicPartition partition : partitions) {
                tasks.put(partition, openTask(partition));
            }
            if (!partitions.isEmpty()) {
                LOG.info("Stream {} worker {} on node {} took {}", definition.name(), index, settings.nodeId(), partitions);
            }
            publishReports();
        }
    }

    /** The state of one task as last published by the worker thread. */
    record TaskReport(TopicPartition partition, StreamState state, String lastError, TaskMetrics metrics, long lag) {

        TaskReport with(StreamState next, String error) {
            return new TaskReport(partition, next, error, metrics, lag);
        }

        TaskStatus status(String node) {
            String id = partition.topic() + "-" + partition.partition();
            return new TaskStatus(node, id, List.of(id), state, lastError);
        }
    }
}
