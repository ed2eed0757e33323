package org.hyperiot.streaming.runtime.kafka;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes Kafka clients one by one, so that one that fails to close does not leak the others. */
public final class Closing {

    /** How long a client may take to close. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Closing.class);

    private Closing() {
    }

    /** Runs {@code close} (nothing if null), logging instead of throwing if it fails. */
    public static void quietly(Runnable close, String stream, String what) {
        if (close == null) {
            return;
        }
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.debug("Stream {}: closing the {} failed: {}", stream, what, e.toString());
        }
    }
}
