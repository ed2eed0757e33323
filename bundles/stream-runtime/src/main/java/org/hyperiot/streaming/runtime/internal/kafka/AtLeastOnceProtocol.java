package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once: outputs are sent as they come; a commit writes the state changes, waits until Kafka
 * acknowledged every record sent since the last commit ({@code acks=all}), and only then commits the
 * offsets. After any refused send the offsets are not committed, so the records are processed again.
 */
final class AtLeastOnceProtocol implements DeliveryProtocol {

    private final String stream;
    private final RecordCollector collector;
    private final Consumer<byte[], byte[]> consumer;
    private boolean sentSinceCommit;

    AtLeastOnceProtocol(String stream, RecordCollector collector, Consumer<byte[], byte[]> consumer) {
        this.stream = stream;
        this.collector = collector;
        this.consumer = consumer;
    }

    @Override
    public void emit(TopicPartition source, ProducerRecord<byte[], byte[]> output) {
        collector.send(output);
        sentSinceCommit = true;
    }

    @Override
    public Outcome commit(Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog) {
        changelog.values().forEach(changes -> changes.forEach(collector::send));
        collector.flush();
        Exception failed = collector.takeError();
        if (failed != null) {
            throw new OutputNotAcknowledgedException("stream '" + stream + "': an output or state change was not "
                    + "acknowledged; the offsets are not committed", failed);
        }
        sentSinceCommit = false;
        return GroupCommits.commit(consumer, offsets) ? Outcome.COMMITTED : Outcome.POSTPONED;
    }

    @Override
    public boolean hasPendingOutputs() {
        return sentSinceCommit;
    }

    @Override
    public void discard(Collection<TopicPartition> partitions) {
        // What was sent is sent; the records are read again by the next owner (duplicates allowed).
    }

    @Override
    public void abort() {
        sentSinceCommit = false;
        collector.takeError();
    }
}
