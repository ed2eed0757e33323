package org.hyperiot.streaming.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A record delivered by a {@link KafkaSubscriptions} publisher. Its offset is committed only once
 * it and every earlier record of its partition delivered to the same subscription have been
 * acknowledged.
 */
@ProviderType
public interface AcknowledgeableRecord<K, V> {

    /**
     * The record as Kafka delivered it.
     *
     * @return the record; never {@code null}
     */
    ConsumerRecord<K, V> record();

    /**
     * Marks this record as processed. May be called from any thread, in any order relative to other
     * records; calling it again has no effect. Acknowledging after the record's partition was
     * revoked has no effect either: the record will be read again by the partition's new owner.
     */
    void acknowledge();
}
