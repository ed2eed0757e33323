package org.hyperiot.streaming.benchmark.saga;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Starts sagas by writing start events straight to a contestant's events topic, keyed by saga id, as
 * the node's own REST API does for {@code POST /sagas} (without HTTP, which this benchmark does not
 * measure): with an idempotent, non-transactional producer, {@code acks=all}, no linger. Each start's
 * send time is noted in the run just before it is handed to the producer.
 */
final class SagaFeed implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String eventsTopic;
    private final StartEvents starts;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    SagaFeed(String bootstrapServers, String eventsTopic, StartEvents starts, String compression) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.eventsTopic = eventsTopic;
        this.starts = starts;
    }

    /** Starts every saga of {@code run} as fast as the producer takes them. */
    void burst(SagaRun run) {
        for (int index = run.sent(); index < run.capacity(); index++) {
            send(run, index);
        }
        producer.flush();
        checkSent();
    }

    /**
     * Starts sagas of {@code run} at {@code rate} per second for {@code duration}, continuing its
     * numbering; stops early when the run is full. Returns how many it started.
     */
    int paced(SagaRun run, double rate, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int sent = 0;
        for (long now = start; now < end && run.sent() < run.capacity(); now = System.nanoTime()) {
            long due = (long) ((now - start) * rate / 1e9) - sent;
            if (due <= 0) {
                LockSupport.parkNanos(100_000);
                continue;
            }
            for (long i = 0; i < due && run.sent() < run.capacity(); i++) {
                send(run, run.sent());
                sent++;
            }
        }
        return sent;
    }

    void flush() {
        producer.flush();
        checkSent();
    }

    private void send(SagaRun run, int index) {
        byte[] value = starts.encode(index);
        run.sent(index, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(eventsTopic, SagaIds.id(run.tag(), index), value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void checkSent() {
        if (failure.get() != null) {
            throw new IllegalStateException("the feed could not send a start", failure.get());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
