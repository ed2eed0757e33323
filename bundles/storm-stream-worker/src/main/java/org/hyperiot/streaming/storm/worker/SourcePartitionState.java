package org.hyperiot.streaming.storm.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Where one source partition stands in an engine bolt task: the next offset to process and the group it
 * commits with while it is open, or until when a record the engine could not take stops it.
 *
 * @param <T> the bolt's tuples
 */
final class SourcePartitionState<T> {

    final TopicPartition partition;
    /** The next offset to process; meaningful while open. */
    long next = -1;
    /** Until when a record the engine could not take stops the partition. */
    long stoppedUntil;
    /** Why it stopped. */
    String stoppedBy;
    /** The group the partition commits with; null while not open. */
    CommitGroup<T> group;

    SourcePartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    /** Records from {@link #next} on, as the engine's tasks take them. */
    List<ConsumerRecord<byte[], byte[]>> freshRecords(List<BatchRecord> records) {
        List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>(records.size());
        for (BatchRecord record : records) {
            if (record.offset() < next) {
                continue;
            }
            RecordHeaders headers = new RecordHeaders();
            for (BatchRecord.Header header : record.headers()) {
                headers.add(header.key(), header.value());
            }
            fresh.add(new ConsumerRecord<>(partition.topic(), partition.partition(), record.offset(),
                    record.timestamp(), TimestampType.CREATE_TIME,
                    record.key() == null ? -1 : record.key().length, record.value() == null ? -1 : record.value().length,
                    record.key(), record.value(), headers, Optional.empty()));
        }
        return fresh;
    }
}
