package org.hyperiot.streaming.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A record delivered by a {@link KafkaSubscriptions} publisher. Its offset is committed only once
 * it and every earlier record of its partition have been acknowledged.
 */
@ProviderType
public interface AcknowledgeableRecord<K, V> {

    /** The record as Kafka delivered it. */
    ConsumerRecord<K, V> record();

    /** Marks this record as processed; idempotent. */
    void acknowledge();
}
