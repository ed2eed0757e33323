package org.hyperiot.streaming.kafka.internal.subscription;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaSubscriptions;
import org.hyperiot.streaming.kafka.internal.ConnectorReconfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link KafkaSubscriptions} service. Its consumers come from the {@link KafkaConnector}; when
 * the connector is reconfigured, every running subscription ends with an error (after committing what
 * was acknowledged) so that subscribers subscribe again and get consumers with the new settings.
 */
@Component(service = KafkaSubscriptions.class)
public class KafkaSubscriptionsComponent implements KafkaSubscriptions {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final PartitionListener NO_LISTENER = new PartitionListener() {
        @Override
        public void assigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
        }
    };

    private final KafkaConnector connector;
    private final ConnectorReconfiguration reconfiguration;
    private final LiveSubscriptions live = new LiveSubscriptions();
    private final Runnable endSubscriptions = () -> live.endAll(new IllegalStateException(
            "the Kafka connector was reconfigured: subscribe again to consume with the new settings; records not "
                    + "acknowledged are delivered again"), STOP_TIMEOUT);

    @Activate
    public KafkaSubscriptionsComponent(@Reference KafkaConnector connector,
            @Reference ConnectorReconfiguration reconfiguration) {
        this.connector = connector;
        this.reconfiguration = reconfiguration;
        reconfiguration.addListener(endSubscriptions);
    }

    @Deactivate
    void deactivate() {
        reconfiguration.removeListener(endSubscriptions);
        live.closeAll(STOP_TIMEOUT);
    }

    @Override
    public Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> subscribe(String groupId, Collection<String> topics,
            Map<String, Object> overrides, PartitionListener listener) {
        requireNotEmpty(topics, "topics");
        return publisher(groupId, overrides, TopicSelection.topics(topics), listener);
    }

    @Override
    public Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> subscribe(String groupId, Pattern pattern,
            Map<String, Object> overrides, PartitionListener listener) {
        Objects.requireNonNull(pattern, "pattern");
        return publisher(groupId, overrides, TopicSelection.pattern(pattern), listener);
    }

    @Override
    public Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> assign(String groupId,
            Collection<TopicPartition> partitions, Map<String, Object> overrides) {
        requireNotEmpty(partitions, "partitions");
        return publisher(groupId, overrides, TopicSelection.partitions(partitions), null);
    }

    /** The number of subscriptions currently running. */
    int liveSubscriptions() {
        return live.size();
    }

    private Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> publisher(String groupId, Map<String, Object> overrides,
            TopicSelection selection, PartitionListener listener) {
        Map<String, Object> config = consumerConfig(groupId, overrides);
        PartitionListener partitionListener = listener == null ? NO_LISTENER : listener;
        return new SubscriptionPublisher(subscriber -> live.start(subscriber,
                () -> connector.newConsumer(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                selection, partitionListener, groupId));
    }

    static Map<String, Object> consumerConfig(String groupId, Map<String, Object> overrides) {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("a subscription needs a consumer group id");
        }
        Map<String, Object> config = new HashMap<>(overrides == null ? Map.of() : overrides);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Offsets move only with acknowledgements: an automatic commit would skip unprocessed records.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static void requireNotEmpty(Collection<?> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one of its " + what);
        }
    }
}
