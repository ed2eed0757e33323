package org.hyperiot.streaming.kafka.internal;

import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Runs client creation and closing with the thread context class loader set to kafka-clients' own
 * bundle loader. Kafka's config classes resolve defaults and plug-ins through the TCCL in static
 * initialisers: with a foreign (or null) TCCL on first use they fail once and stay broken until the
 * bundle is refreshed, and a null TCCL also breaks SASL login. Before the first client it loads
 * lz4-java's native library ({@link NativeLz4}).
 */
final class KafkaClientLoader {

    private static final ClassLoader KAFKA_LOADER = KafkaProducer.class.getClassLoader();

    static {
        // Before the first client compresses anything: lz4-java picks its codec when a client asks for one.
        NativeLz4.load();
    }

    private KafkaClientLoader() {
    }

    static <T> T create(Supplier<T> factory) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KAFKA_LOADER);
        try {
            return factory.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void run(Runnable action) {
        create(() -> {
            action.run();
            return null;
        });
    }
}
