package org.apache.kafka.clients.admin;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;

/**
 * Builds the results of admin requests whose constructors Kafka keeps to its own package, so that a
 * test's fake {@link Admin} can answer with them. Test code only: Kafka's own mock admin client is in
 * its test jar, which is not available here.
 */
public final class AdminResults {

    private AdminResults() {
    }

    public static CreatePartitionsResult createPartitions(String topic, KafkaFuture<Void> outcome) {
        return new CreatePartitionsResult(Map.of(topic, outcome));
    }

    public static DeleteConsumerGroupsResult deleteConsumerGroups(String group, KafkaFuture<Void> outcome) {
        return new DeleteConsumerGroupsResult(Map.of(group, outcome));
    }

    public static DescribeTopicsResult describeTopics(String topic, KafkaFuture<TopicDescription> outcome) {
        return describeTopics(Map.of(topic, outcome));
    }

    public static DescribeTopicsResult describeTopics(Map<String, KafkaFuture<TopicDescription>> outcomes) {
        return new DescribeTopicsResult(null, outcomes);
    }

    public static ListTopicsResult listTopics(String... names) {
        Map<String, TopicListing> listings = new HashMap<>();
        for (String name : names) {
            listings.put(name, new TopicListing(name, Uuid.randomUuid(), false));
        }
        return new ListTopicsResult(KafkaFuture.completedFuture(listings));
    }

    public static DescribeConfigsResult describeConfigs(Map<org.apache.kafka.common.config.ConfigResource,
            KafkaFuture<Config>> outcomes) {
        return new DescribeConfigsResult(outcomes);
    }
}
