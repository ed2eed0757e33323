package org.hyperiot.streaming.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.hyperiot.streaming.engine.state.StateChange;
import org.hyperiot.streaming.kafka.support.HangingTransactionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the state of the tasks a worker takes over from the stream's changelog topic, the state of
 * source partition {@code p} living in changelog partition {@code p}.
 *
 * <p>A {@code read_committed} restore stops at the first record of an open transaction and would miss
 * everything after it, so before restoring it waits until no transaction is open on those changelog
 * partitions: the previous owner's last one (a crashed node's) ends within the transaction timeout.
 * One that its coordinator no longer tracks never ends and is aborted ({@link HangingTransactionSweep}),
 * as {@code kafka-transactions.sh abort} would. Output partitions are checked for such transactions
 * too, since they hold back every reader of the outputs, but never waited for: other workers'
 * transactions are open there all the time.
 *
 * <p>Outside transactions nothing stops a node that was paused past its session timeout (a long GC
 * pause, a frozen VM) from writing state changes once it runs again, after the group gave its
 * partitions to another node: they would be restored by whoever takes the partition next, and bring
 * back windows already published or drop records counted since. So at-most-once and at-least-once
 * tasks claim their source partition in the changelog before restoring it, and a restore skips every
 * change written after a claim by an owner other than the claimant (see {@link ChangelogKeys}).
 */
public final class ChangelogRestorer implements AutoCloseable {

    /** Writes a claim to the changelog and returns once Kafka acknowledged it. */
    @FunctionalInterface
    public interface ClaimWriter {
        /** Writes {@code claim}; returns once Kafka acknowledged it. */
        void write(ProducerRecord<byte[], byte[]> claim);
    }

    /**
     * The state of a source partition's task as restored, and the owner id its state changes carry
     * from now on ({@code null} under exactly-once, where transactions fence a paused node).
     */
    public record Restored(List<StateChange> changes, byte[] owner) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogRestorer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long WAIT_STEP_MS = 500;

    private final String stream;
    private final String changelogTopic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Supplier<ChangelogAdmin> admins;
    private final HangingTransactionSweep sweep;
    private final ClaimWriter claims;
    private final BooleanSupplier stopRequested;
    private Consumer<byte[], byte[]> restoreConsumer;
    private ChangelogAdmin admin;

    /**
     * A restorer of the stream's tasks from {@code changelogTopic}; it creates its clients on first need.
     *
     * @param consumers     creates the restore consumer on first need
     * @param admins        creates the admin client on first need
     * @param patience      how long a transaction must be seen open before its coordinator is asked about it
     * @param claims        writes the claims of a task's partition before its restore, or null under
     *                      exactly-once
     * @param stopRequested true when the worker must give up waiting
     */
    public ChangelogRestorer(String stream, String changelogTopic, Supplier<Consumer<byte[], byte[]>> consumers,
            Supplier<ChangelogAdmin> admins, Duration patience, ClaimWriter claims, BooleanSupplier stopRequested) {
        this.stream = stream;
        this.changelogTopic = changelogTopic;
        this.consumers = consumers;
        this.admins = admins;
        this.sweep = new HangingTransactionSweep("Stream " + stream, this::admin, patience.toMillis(),
                System::currentTimeMillis);
        this.claims = claims;
        this.stopRequested = stopRequested;
    }

    TopicPartition changelogPartition(TopicPartition source) {
        return new TopicPartition(changelogTopic, source.partition());
    }

    /**
     * Returns once no transaction is open on the changelog partitions of {@code sources}, aborting
     * hanging ones there and on {@code outputs} (whose open transactions are not waited for).
     *
     * @throws WorkerStoppedException if the worker is asked to stop meanwhile
     */
    public void awaitNoOpenTransactions(Collection<TopicPartition> sources, Collection<TopicPartition> outputs) {
        ensurePartitions(sources);
        List<TopicPartition> changelogs = sources.stream().map(this::changelogPartition).toList();
        List<TopicPartition> all = new ArrayList<>(changelogs);
        all.addAll(outputs);
        boolean reported = false;
        while (true) {
            Map<TopicPartition, List<ProducerState>> open = sweep.sweep(all);
            open.keySet().retainAll(changelogs);
            if (open.isEmpty()) {
                return;
            }
            if (!reported) {
                LOG.info("Stream {}: transactions are open on changelog partitions {}; restoring once they end",
                        stream, open.keySet());
                reported = true;
            }
            if (stopRequested.getAsBoolean()) {
                throw new WorkerStoppedException("stopped while waiting for transactions on " + open.keySet());
            }
            sleep(WAIT_STEP_MS);
        }
    }

    /**
     * Widens the changelog when a source topic gained partitions while the stream ran: the state of a
     * new source partition needs its own changelog partition.
     */
    private void ensurePartitions(Collection<TopicPartition> sources) {
        int needed = sources.stream().mapToInt(TopicPartition::partition).max().orElse(-1) + 1;
        int existing = admin().partitionCount(changelogTopic);
        if (existing < needed) {
            admin().widen(changelogTopic, needed);
            LOG.info("Stream {}: widened changelog {} from {} to {} partitions", stream, changelogTopic, existing, needed);
        }
    }

    /**
     * Aborts transactions hanging on {@code partitions}; waits for nothing. A transaction must be seen
     * open by earlier calls for longer than the patience before it can be judged hanging.
     */
    public void abortHanging(Collection<TopicPartition> partitions) {
        sweep.sweep(partitions);
    }

    /**
     * The sweep behind {@link #abortHanging}, for the worker's other partitions (its group's committed
     * offsets); its sightings are the same.
     */
    public HangingTransactionSweep sweep() {
        return sweep;
    }

    /**
     * Claims {@code source} for a new owner (outside transactions), then reads the state changes of its
     * task, oldest first, up to the changelog's end, leaving out those a former owner wrote after
     * another one had claimed the partition.
     */
    public Restored read(TopicPartition source) {
        TopicPartition partition = changelogPartition(source);
        byte[] owner = null;
        if (claims != null) {
            String id = UUID.randomUUID().toString();
            owner = id.getBytes(StandardCharsets.UTF_8);
            claims.write(new ProducerRecord<>(changelogTopic, partition.partition(), ChangelogKeys.claimKey(source, id),
                    owner));
        }
        Consumer<byte[], byte[]> consumer = restoreConsumer();
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        List<StateChange> changes = new ArrayList<>();
        byte[] claimant = null;
        long skipped = 0;
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (ChangelogKeys.isClaim(source, record.key())) {
                    claimant = record.value();
                    continue;
                }
                StateChange change = ChangelogKeys.change(source, record.key(), record.value());
                if (change == null) {
                    continue;
                }
                Header writer = record.headers().lastHeader(ChangelogKeys.OWNER_HEADER);
                if (writer != null && claimant != null && !Arrays.equals(writer.value(), claimant)) {
                    skipped++;
                    continue;
                }
                changes.add(change);
            }
            if (stopRequested.getAsBoolean()) {
                throw new WorkerStoppedException("stopped while restoring " + source);
            }
        }
        consumer.unsubscribe();
        if (skipped > 0) {
            LOG.warn("Stream {}: {} state changes of {} were written by a former owner after another node had taken "
                    + "the partition (a node paused past its session timeout); they are not restored", stream, skipped,
                    source);
        }
        return new Restored(changes, owner);
    }

    private Consumer<byte[], byte[]> restoreConsumer() {
        if (restoreConsumer == null) {
            restoreConsumer = consumers.get();
        }
        return restoreConsumer;
    }

    private ChangelogAdmin admin() {
        if (admin == null) {
            admin = admins.get();
        }
        return admin;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStoppedException("interrupted while waiting for transactions to end");
        }
    }

    /** Closes both clients, each even if the other fails to close. */
    @Override
    public void close() {
        Closing.quietly(restoreConsumer == null ? null : () -> restoreConsumer.close(Closing.TIMEOUT), stream, "restore consumer");
        Closing.quietly(admin == null ? null : admin::close, stream, "admin client");
        restoreConsumer = null;
        admin = null;
    }
}
