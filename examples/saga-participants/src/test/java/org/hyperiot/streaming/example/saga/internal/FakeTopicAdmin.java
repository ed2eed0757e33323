package org.hyperiot.streaming.example.saga.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;

/**
 * Topics in memory, behind a Kafka that is unreachable for the first {@code unreachableCalls} calls or,
 * with {@link #hangUntilInterrupted}, that never answers.
 */
class FakeTopicAdmin implements KafkaTopicAdmin {

    final Set<String> topics = ConcurrentHashMap.newKeySet();
    final List<String> created = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch topicCreated = new CountDownLatch(1);
    final CountDownLatch callStarted = new CountDownLatch(1);
    volatile int unreachableCalls;
    volatile boolean hangUntilInterrupted;
    volatile boolean interrupted;

    private void answer() {
        callStarted.countDown();
        if (hangUntilInterrupted) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                throw new KafkaAdminException("INTERRUPTED", "interrupted", e);
            }
        }
        if (calls.incrementAndGet() <= unreachableCalls) {
            throw new KafkaAdminException("KAFKA_UNAVAILABLE", "Kafka did not answer", null);
        }
    }

    @Override
    public Optional<TopicDetails> describeTopic(String name) {
        answer();
        return topics.contains(name) ? Optional.of(new TopicDetails(name, 1, 1, Map.of())) : Optional.empty();
    }

    @Override
    public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        answer();
        if (!topics.add(name)) {
            throw new KafkaAdminException("TOPIC_EXISTS", "Topic '" + name + "' already exists", null);
        }
        created.add(name + " partitions=" + partitions + " replicationFactor=" + replicationFactor + " " + configs);
        topicCreated.countDown();
    }

    @Override
    public List<TopicDescription> listTopics() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteTopic(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createPartitions(String name, int totalPartitions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean deleteConsumerGroup(String groupId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<AclBinding> listAcls(AclBindingFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addAcls(Collection<AclBinding> acls) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<AclBinding> removeAcls(Collection<AclBindingFilter> filters) {
        throw new UnsupportedOperationException();
    }
}
