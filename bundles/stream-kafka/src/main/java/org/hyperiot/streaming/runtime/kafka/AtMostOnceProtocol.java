package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-most-once: outputs wait in memory, per source partition, until the offsets of the records they
 * came from are committed; then the state changes are written and acknowledged, and only then are
 * the outputs sent. A crash anywhere loses at most what was in flight and never repeats an output:
 *
 * <ul>
 *   <li>before the offset commit, nothing was sent and the records are read again;</li>
 *   <li>after it, the records are not read again, so their outputs can only be lost;</li>
 *   <li>the state goes first because a window whose result was sent must never be found open again
 *       after a restore, or it would fire a second time.</li>
 * </ul>
 *
 * <p>Nothing fences a node paused (a long GC, a frozen VM) between its offset commit and the end of its
 * state writes: past its session timeout the group gives its partitions to another node, which
 * restores the state without those writes, finds the windows closed here still open and publishes them
 * as well. So once the state changes are acknowledged, the same offsets are committed again: the group
 * accepting them proves that this member still owned the partitions after the state was written, and
 * any next owner restores it. If the group refuses, the outputs are given up (lost, never repeated).
 * The worker commits the offsets of every partition of a stateful stream for this reason, so that the
 * check also covers commits without progress.
 */
public final class AtMostOnceProtocol implements DeliveryProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(AtMostOnceProtocol.class);

    private final String stream;
    private final RecordCollector collector;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> held = new LinkedHashMap<>();
    /** State changes of a commit the group postponed: still to be written before those outputs go. */
    private final Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> postponedChangelog = new LinkedHashMap<>();
    private long lost;

    /** At-most-once for a worker sending through {@code collector} and committing to the group of {@code consumer}. */
    public AtMostOnceProtocol(String stream, RecordCollector collector, Consumer<byte[], byte[]> consumer) {
        this.stream = stream;
        this.collector = collector;
        this.consumer = consumer;
    }

    @Override
    public void emit(TopicPartition source, ProducerRecord<byte[], byte[]> output) {
        held.computeIfAbsent(source, partition -> new ArrayList<>()).add(output);
    }

    @Override
    public Outcome commit(Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog, boolean complete) {
        changelog.forEach((source, changes) ->
                postponedChangelog.computeIfAbsent(source, partition -> new ArrayList<>()).addAll(changes));
        if (!GroupCommits.commit(consumer, offsets)) {
            return Outcome.POSTPONED;
        }
        if (!postponedChangelog.isEmpty()) {
            postponedChangelog.values().forEach(changes -> changes.forEach(collector::send));
            postponedChangelog.clear();
            collector.flush();
            Exception failed = collector.takeError();
            if (failed != null) {
                held.clear();
                throw new OutputNotAcknowledgedException("stream '" + stream + "': a state change was not "
                        + "acknowledged, so the outputs it covers are given up rather than risk repeating them", failed);
            }
            // Throws TaskMigratedException if the group moved on meanwhile: the attempt ends and abort() drops them.
            if (!GroupCommits.commit(consumer, offsets)) {
                lost++;
                LOG.warn("Stream {}: outputs lost under at-most-once ({} commits so far lost some): the group was "
                        + "rebalancing when asked to confirm that this node still owned their partitions",
                        stream, lost);
                held.clear();
                return Outcome.COMMITTED;
            }
        }
        for (List<ProducerRecord<byte[], byte[]>> outputs : held.values()) {
            outputs.forEach(collector::send);
        }
        held.clear();
        Exception failed = collector.takeError();
        if (failed != null) {
            lost++;
            LOG.warn("Stream {}: outputs lost under at-most-once ({} commits so far lost some): {}", stream, lost,
                    failed.toString());
        }
        return Outcome.COMMITTED;
    }

    @Override
    public boolean hasPendingOutputs() {
        return !held.isEmpty() || !postponedChangelog.isEmpty();
    }

    @Override
    public void discard(Collection<TopicPartition> partitions) {
        // Their offsets stay uncommitted by this worker: the next owner reads the records again and
        // produces these outputs itself. Sending them later would repeat them.
        // Their state changes go too: the next owner restores the state as of the last commit.
        partitions.forEach(held::remove);
        partitions.forEach(postponedChangelog::remove);
    }

    @Override
    public void abort() {
        held.clear();
        postponedChangelog.clear();
        collector.takeError();
    }
}
