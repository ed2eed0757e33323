package org.hyperiot.streaming.runtime.internal.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.junit.jupiter.api.Test;

class StreamClientConfigsTest {

    private static final WorkerSettings SETTINGS = new WorkerSettings("n1", Duration.ofSeconds(10),
            Duration.ofSeconds(20), 500, Duration.ofSeconds(30));

    private static StreamDefinition stream(String guarantee) {
        return new StreamDefinitionReader().read("""
                {"name":"s","guarantee":"%s","source":{"topics":["in"]},"pipeline":[],"sink":{"topic":"out"}}"""
                .formatted(guarantee));
    }

    @Test
    void exactlyOnceProducerIsTransactionalPerNodeAndWorkerAndRetriesAfterMilliseconds() {
        Map<String, Object> producer = StreamClientConfigs.producer(stream("exactly-once"), SETTINGS, 2);

        assertEquals(StreamResources.transactionalId("s", "n1", 2), producer.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        assertEquals("20000", producer.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
        // Kafka's default 100 ms put a tenth of a second on every commit refused as CONCURRENT_TRANSACTIONS.
        assertEquals("10", producer.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG));
        assertEquals("all", producer.get(ProducerConfig.ACKS_CONFIG));
    }

    @Test
    void otherGuaranteesHaveAnIdempotentProducerWithoutTransactions() {
        for (String guarantee : new String[] {"at-least-once", "at-most-once"}) {
            Map<String, Object> producer = StreamClientConfigs.producer(stream(guarantee), SETTINGS, 0);

            assertFalse(producer.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG), guarantee);
            assertEquals("true", producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), guarantee);
        }
    }

    @Test
    void everyConsumerReadsCommittedDataOnly() {
        StreamDefinition stream = stream("at-least-once");

        assertEquals("read_committed", StreamClientConfigs.consumer(stream, SETTINGS, 0).get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("read_committed", StreamClientConfigs.restoreConsumer(stream, SETTINGS, 0).get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("false", StreamClientConfigs.consumer(stream, SETTINGS, 0).get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
    }
}
