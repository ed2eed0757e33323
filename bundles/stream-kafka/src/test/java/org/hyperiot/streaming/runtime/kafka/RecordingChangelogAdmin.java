package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.TopicPartition;

/** A {@link ChangelogAdmin} answering the transaction requests from maps a test fills, and recording the aborts. */
final class RecordingChangelogAdmin implements ChangelogAdmin {

    final Map<String, Long> producerIds = new HashMap<>();
    final Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
    final List<String> aborts = new ArrayList<>();
    int asked;

    @Override
    public OptionalLong producerId(String transactionalId) {
        asked++;
        Long id = producerIds.get(transactionalId);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, List<ProducerState>> found = new HashMap<>();
        partitions.forEach(partition -> {
            if (open.containsKey(partition)) {
                found.put(partition, open.get(partition));
            }
        });
        return found;
    }

    @Override
    public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void abort(TopicPartition partition, ProducerState producer) {
        aborts.add(partition + " " + producer.producerId() + "/" + producer.producerEpoch());
    }

    @Override
    public int partitionCount(String topic) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void widen(String topic, int partitions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
