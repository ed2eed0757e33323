package org.hyperiot.streaming.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A listener component: any OSGi service implementing this interface with the service property
 * {@link #TOPIC} receives each record of that topic, at least once. With the optional
 * {@link #KEY} property it receives only records whose key (as UTF-8 text) equals that value.
 *
 * <p>The offset of a record is committed only after {@link #receive} returned normally. A receiver
 * that throws gets the record again, with back-off, and after the configured attempts the record
 * goes to a dead-letter topic.
 */
@ConsumerType
public interface KafkaMessageReceiver {

    /** Service property: the topic to receive (required). */
    String TOPIC = "hyperiot.kafka.topic";

    /** Service property: receive only records with this exact key (optional). */
    String KEY = "hyperiot.kafka.key";

    /** Handles one record; returning normally acknowledges it. */
    void receive(ConsumerRecord<byte[], byte[]> record) throws Exception;
}
