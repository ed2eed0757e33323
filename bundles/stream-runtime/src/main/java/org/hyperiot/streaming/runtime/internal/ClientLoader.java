package org.hyperiot.streaming.runtime.internal;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * Runs client calls that load classes (closing a client does) with kafka-clients' loader as the
 * thread context class loader, as PLATFORM-NOTES requires; DS and REST threads carry other loaders.
 */
public final class ClientLoader {

    private ClientLoader() {
    }

    public static void run(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Consumer.class.getClassLoader());
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
