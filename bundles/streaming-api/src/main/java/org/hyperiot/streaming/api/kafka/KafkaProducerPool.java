package org.hyperiot.streaming.api.kafka;

import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A fixed set of producers used in turn. Records sent through the pool may be written by different
 * producers, so ordering holds only per producer: callers that need per-key order use one producer.
 */
@ProviderType
public interface KafkaProducerPool<K, V> extends AutoCloseable {

    /** Sends on the next producer of the pool. */
    CompletionStage<RecordMetadata> send(ProducerRecord<K, V> record);

    /** Sends on the next producer of the pool; {@code callback} runs exactly once with the outcome. */
    CompletionStage<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /** The number of producers in the pool. */
    int size();

    /** Flushes every producer: returns once every record sent before the call is acknowledged or failed. */
    void flush();

    /** Flushes and closes every producer. */
    @Override
    void close();
}
