package org.hyperiot.streaming.kafka.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients of one {@link CompactedTopicMap}: made through the platform's connector, and
 * following its bootstrap servers, which the map's reader asks about now and then. Not thread-safe
 * apart from the static close methods: the reader thread alone asks about the servers.
 */
final class TopicMapClients {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMapClients.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConnector connector;
    private final String topic;
    private final long serversCheckNanos;
    /** The bootstrap servers the current clients were created for. */
    private String servers;
    private long nextServersCheck;

    TopicMapClients(KafkaConnector connector, String topic, Duration serversCheck) {
        this.connector = connector;
        this.topic = topic;
        this.serversCheckNanos = serversCheck.toNanos();
        // Read before the clients are created: a change in between only costs one needless rebuild.
        this.servers = currentServers();
    }

    /** The bootstrap servers the clients were last created for. */
    String servers() {
        return servers;
    }

    /** Whether the connector's bootstrap servers changed since the clients were created; asked now and then. */
    boolean serversChanged() {
        long now = System.nanoTime();
        if (now - nextServersCheck < 0) {
            return false;
        }
        nextServersCheck = now + serversCheckNanos;
        String current = currentServers();
        if (Objects.equals(current, servers)) {
            return false;
        }
        servers = current;
        return true;
    }

    Consumer<String, byte[]> newReader() {
        return connector.newConsumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId("reader"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // A deleted topic must not come back with the broker's defaults because this node asked for it.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    Producer<String, byte[]> newWriter() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("writer"));
        return connector.newProducer(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A group-less consumer that only asks for the topic's end. */
    Consumer<String, byte[]> newEndProbe() {
        return connector.newConsumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId("end"),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    void closeQuietly(Consumer<?, ?> client) {
        if (client != null) {
            closeQuietly(() -> client.close(CloseOptions.timeout(CLOSE_TIMEOUT)));
        }
    }

    /** Closes a producer after it delivered what it still holds, as far as its servers answer in 5 s. */
    void closeQuietly(Producer<?, ?> client) {
        if (client != null) {
            closeQuietly(() -> client.close(CLOSE_TIMEOUT));
        }
    }

    private void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.debug("Closing a client of {} failed: {}", topic, e.toString());
        }
    }

    private String currentServers() {
        return connector.clusterStatus().bootstrapServers();
    }

    private String clientId(String purpose) {
        return topic + "-" + connector.identity().nodeId() + "-" + purpose;
    }
}
