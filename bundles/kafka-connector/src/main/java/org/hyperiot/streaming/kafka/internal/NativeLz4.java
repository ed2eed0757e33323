package org.hyperiot.streaming.kafka.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads lz4-java's native library before the first Kafka client of the node is made. lz4-java uses its
 * JNI codec only when the library is loaded already or when its own classes come from the system class
 * loader: a kafka-clients program on the class path gets the JNI codec, while in a bundle neither holds
 * and every lz4 batch the node wrote or read went through the pure-Java codec (13 % of a saga node's
 * CPU samples in a profile, where the same exchange in a plain JVM spent its lz4 time in JNI calls).
 * Where the library cannot load (a platform lz4-java ships none for, a temporary directory mounted
 * {@code noexec}, no lz4-java bundle) the pure-Java codec stays, as before.
 */
final class NativeLz4 {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLz4.class);

    private NativeLz4() {
    }

    /** Loads the library, unless it is loaded already; a failure is logged and changes nothing else. */
    static void load() {
        try {
            net.jpountz.util.Native.load();
            LOG.debug("lz4 compression uses lz4-java's native library");
        } catch (LinkageError | RuntimeException e) {
            LOG.info("lz4 compression runs in pure Java: lz4-java's native library did not load ({})", e.toString());
        }
    }
}
