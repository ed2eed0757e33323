package org.hyperiot.streaming.runtime.kafka;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a worker's records (outputs and changelog writes) on its producer and remembers the first
 * send Kafka refused, so that a commit can tell whether everything since the last one arrived.
 */
public final class RecordCollector {

    private final Producer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Callback callback = (metadata, error) -> {
        if (error != null) {
            firstError.compareAndSet(null, error);
        }
    };

    /** A collector sending on {@code producer}. */
    public RecordCollector(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    Producer<byte[], byte[]> producer() {
        return producer;
    }

    void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record, callback);
    }

    /**
     * Sends {@code record} with the caller's own callback, which learns of a refusal instead of
     * {@link #takeError()}.
     */
    void send(ProducerRecord<byte[], byte[]> record, Callback acknowledgement) {
        producer.send(record, acknowledgement);
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    void flush() {
        producer.flush();
    }

    /** The first send that failed since the last call, or null; forgets it. */
    Exception takeError() {
        return firstError.getAndSet(null);
    }
}
