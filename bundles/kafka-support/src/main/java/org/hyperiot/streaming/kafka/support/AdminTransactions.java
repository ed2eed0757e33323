package org.hyperiot.streaming.kafka.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * {@link TransactionAdmin} on a Kafka {@link Admin} client the caller owns and closes. A request that
 * fails throws Kafka's exception for it ({@link KafkaException} or a subclass); one that does not
 * answer within the timeout, a {@link TimeoutException}; an interrupt, an {@link InterruptException}
 * (the thread's interrupt flag set again).
 */
public final class AdminTransactions implements TransactionAdmin {

    private final Admin admin;
    private final Duration timeout;

    /** @param timeout how long each request may wait for its answer */
    public AdminTransactions(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
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

    private <T> T call(KafkaFuture<T> call) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof KafkaException kafka ? kafka : new KafkaException(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("Kafka did not answer within " + timeout.toMillis() + " ms", e);
        }
    }
}
