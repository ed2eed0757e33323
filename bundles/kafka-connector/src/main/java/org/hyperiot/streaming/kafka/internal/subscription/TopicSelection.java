package org.hyperiot.streaming.kafka.internal.subscription;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/** What a subscription reads: topics or a pattern through the group protocol, or fixed partitions. */
interface TopicSelection {

    /** Points {@code consumer} at the selection; {@code rebalances} hears of group assignments. */
    void applyTo(Consumer<?, ?> consumer, ConsumerRebalanceListener rebalances);

    static TopicSelection topics(Collection<String> topics) {
        List<String> copy = List.copyOf(topics);
        return new TopicSelection() {
            @Override
            public void applyTo(Consumer<?, ?> consumer, ConsumerRebalanceListener rebalances) {
                consumer.subscribe(copy, rebalances);
            }

            @Override
            public String toString() {
                return "topics " + copy;
            }
        };
    }

    static TopicSelection pattern(Pattern pattern) {
        return new TopicSelection() {
            @Override
            public void applyTo(Consumer<?, ?> consumer, ConsumerRebalanceListener rebalances) {
                consumer.subscribe(pattern, rebalances);
            }

            @Override
            public String toString() {
                return "topics matching " + pattern;
            }
        };
    }

    static TopicSelection partitions(Collection<TopicPartition> partitions) {
        List<TopicPartition> copy = List.copyOf(partitions);
        return new TopicSelection() {
            @Override
            public void applyTo(Consumer<?, ?> consumer, ConsumerRebalanceListener rebalances) {
                consumer.assign(copy);
            }

            @Override
            public String toString() {
                return "partitions " + copy;
            }
        };
    }
}
