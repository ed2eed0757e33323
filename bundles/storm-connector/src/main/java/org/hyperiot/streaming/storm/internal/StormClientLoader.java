package org.hyperiot.streaming.storm.internal;

import java.util.concurrent.Callable;

import org.apache.storm.utils.Utils;

/**
 * Runs Storm calls with the thread context class loader set to the storm-client bundle's loader.
 * Storm's {@code Utils} reads {@code defaults.yaml} through the TCCL in a static initialiser and
 * stays broken for the bundle's lifetime if that first read fails; Storm also loads transport
 * plug-ins and serialisers by class name through it.
 */
public final class StormClientLoader {

    private static final ClassLoader STORM_LOADER = Utils.class.getClassLoader();

    private StormClientLoader() {
    }

    public static <T> T call(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(STORM_LOADER);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
