package org.hyperiot.streaming.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.kafka.support.AdminTransactions;

/**
 * {@link ChangelogAdmin} on the platform's {@link KafkaTopicAdmin} for the changelog topic itself, and
 * on an admin client of the worker's own, created on first need and closed with this, for the
 * transaction requests. Where there is no platform (a Storm worker), the topic requests go through
 * that own client too ({@link #withoutPlatform}).
 *
 * <p>The transaction requests stay on a raw {@link Admin}: they are a worker's recovery steps, made
 * every half second while a restore waits for a transaction to end, so they must not queue behind
 * other bundles' requests on the shared client or wait out its 30 s timeout when the worker is told
 * to stop; and they speak Kafka's own producer and transaction types, which the platform's API has no
 * other use for.
 */
public final class KafkaChangelogAdmin implements ChangelogAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<Admin> admins;
    private final KafkaTopicAdmin topicAdmin;
    private Admin admin;
    private AdminTransactions transactions;

    /**
     * The changelog requests of one worker, on the platform's {@code topicAdmin} and an admin client of its own.
     *
     * @param admins creates the worker's admin client for the transaction requests
     */
    public KafkaChangelogAdmin(Supplier<Admin> admins, KafkaTopicAdmin topicAdmin) {
        this.admins = admins;
        this.topicAdmin = topicAdmin;
    }

    /** The changelog requests of a worker outside the platform (a Storm bolt): every request on its own admin client. */
    public static KafkaChangelogAdmin withoutPlatform(Supplier<Admin> admins) {
        return new KafkaChangelogAdmin(admins, null);
    }

    @Override
    public int partitionCount(String topic) {
        if (topicAdmin == null) {
            TopicDescription description = call(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
            return description.partitions().size();
        }
        try {
            return topicAdmin.describeTopic(topic).orElseThrow(() -> new KafkaUnavailableException(
                    "topic " + topic + " does not exist", null)).partitions();
        } catch (KafkaAdminException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void widen(String topic, int partitions) {
        if (topicAdmin == null) {
            try {
                call(admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
            } catch (KafkaUnavailableException e) {
                // Grown by another worker first counts as done.
                if (!(e.getCause() instanceof InvalidPartitionsException)) {
                    throw e;
                }
            }
            return;
        }
        try {
            // Grown by another worker first counts as done.
            topicAdmin.createPartitions(topic, partitions);
        } catch (KafkaAdminException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
        return transactions(requests -> requests.openTransactions(partitions));
    }

    @Override
    public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
        return transactions(requests -> requests.coordinatorView(producerIds));
    }

    @Override
    public OptionalLong producerId(String transactionalId) {
        try {
            return OptionalLong.of(call(admin().describeTransactions(List.of(transactionalId)).description(
                    transactionalId)).producerId());
        } catch (KafkaUnavailableException e) {
            if (e.getCause() instanceof TransactionalIdNotFoundException) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    @Override
    public void abort(TopicPartition partition, ProducerState producer) {
        transactions(requests -> {
            requests.abort(partition, producer);
            return null;
        });
    }

    @Override
    public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        offsets.forEach((partition, offset) -> deletions.put(partition, RecordsToDelete.beforeOffset(offset)));
        call(admin().deleteRecords(deletions).all());
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Closing.TIMEOUT);
            admin = null;
            transactions = null;
        }
    }

    /** A transaction request on the worker's own client, its failures as this interface throws them. */
    private <T> T transactions(Function<AdminTransactions, T> request) {
        try {
            if (transactions == null) {
                transactions = new AdminTransactions(admin(), TIMEOUT);
            }
            return request.apply(transactions);
        } catch (InterruptException e) {
            throw new WorkerStoppedException("interrupted while waiting for Kafka");
        } catch (KafkaException e) {
            throw new KafkaUnavailableException(e.getMessage(), e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = admins.get();
        }
        return admin;
    }

    private static RuntimeException unavailable(KafkaAdminException e) {
        if ("INTERRUPTED".equals(e.errorCode())) {
            return new WorkerStoppedException("interrupted while waiting for Kafka");
        }
        return new KafkaUnavailableException(e.getMessage(), e);
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
