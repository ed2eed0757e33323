package org.hyperiot.streaming.kafka.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.hyperiot.streaming.api.kafka.KafkaProducerPool;

/** A fixed list of producers used in turn; closing the pool flushes and closes each of them. */
final class RoundRobinProducerPool<K, V> implements KafkaProducerPool<K, V> {

    private final List<Producer<K, V>> producers;
    private final Duration closeTimeout;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    RoundRobinProducerPool(List<Producer<K, V>> producers, Duration closeTimeout) {
        if (producers.isEmpty()) {
            throw new IllegalArgumentException("a producer pool needs at least one producer");
        }
        this.producers = List.copyOf(producers);
        this.closeTimeout = closeTimeout;
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        if (closed.get()) {
            throw new IllegalStateException("the producer pool is closed");
        }
        return SendCompletion.send(nextProducer(), record, callback);
    }

    private Producer<K, V> nextProducer() {
        // floorMod keeps the index valid after the counter wraps around.
        return producers.get(Math.floorMod(next.getAndIncrement(), producers.size()));
    }

    @Override
    public int size() {
        return producers.size();
    }

    @Override
    public void flush() {
        producers.forEach(Producer::flush);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RuntimeException failure = null;
            for (Producer<K, V> producer : producers) {
                try {
                    KafkaClientLoader.run(() -> producer.close(closeTimeout));
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
