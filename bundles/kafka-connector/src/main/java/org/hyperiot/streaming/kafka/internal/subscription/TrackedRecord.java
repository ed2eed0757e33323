package org.hyperiot.streaming.kafka.internal.subscription;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;

/**
 * A delivered record bound to the acknowledgement state of its partition as it was when the record
 * was delivered: after a revocation that state is detached, so late acknowledgements change nothing.
 */
final class TrackedRecord<K, V> implements AcknowledgeableRecord<K, V> {

    private final ConsumerRecord<K, V> record;
    private final PartitionAcknowledgements partition;

    TrackedRecord(ConsumerRecord<K, V> record, PartitionAcknowledgements partition) {
        this.record = record;
        this.partition = partition;
    }

    @Override
    public ConsumerRecord<K, V> record() {
        return record;
    }

    @Override
    public void acknowledge() {
        partition.acknowledge(record.offset());
    }

    @Override
    public String toString() {
        return "AcknowledgeableRecord[" + record.topic() + "-" + record.partition() + "@" + record.offset() + "]";
    }
}
