package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidPartitionsException;

/** {@link ChangelogAdmin} on a Kafka {@link Admin} client, which it closes. */
final class KafkaChangelogAdmin implements ChangelogAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    KafkaChangelogAdmin(Admin admin) {
        this.admin = admin;
    }

    @Override
    public int partitionCount(String topic) {
        return call(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    }

    @Override
    public void widen(String topic, int partitions) {
        try {
            call(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
        } catch (KafkaUnavailableException e) {
            // Another worker widened it first, which is all that was needed.
            if (!(e.getCause() instanceof InvalidPartitionsException) || partitionCount(topic) < partitions) {
                throw e;
            }
        }
    }

    @Override
    public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
        call(admin.describeProducers(partitions).all()).forEach((partition, state) -> {
            List<ProducerState> inTransaction = state.activeProducers().stream()
                    .filter(producer -> producer.currentTransactionStartOffset().isPresent()).toList();
            if (!inTransaction.isEmpty()) {
                open.put(partition, new ArrayList<>(inTransaction));
            }
        });
        return open;
    }

    @Override
    public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
        Collection<TransactionListing> listings = call(admin.listTransactions(
                new ListTransactionsOptions().filterProducerIds(producerIds)).all());
        Map<Long, TransactionDescription> byProducer = new HashMap<>();
        if (!listings.isEmpty()) {
            List<String> ids = listings.stream().map(TransactionListing::transactionalId).toList();
            call(admin.describeTransactions(ids).all()).values()
                    .forEach(description -> byProducer.put(description.producerId(), description));
        }
        return byProducer;
    }

    @Override
    public void abort(TopicPartition partition, ProducerState producer) {
        call(admin.abortTransaction(new AbortTransactionSpec(partition, producer.producerId(),
                (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1))).all());
    }

    @Override
    public void close() {
        admin.close(Closing.TIMEOUT);
    }

    private static <T> T call(KafkaFuture<T> call) {
        try {
            return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStoppedException("interrupted while waiting for Kafka");
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
