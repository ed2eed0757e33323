package org.hyperiot.streaming.runtime.internal;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.internal.store.StoredStream;
import org.hyperiot.streaming.runtime.internal.store.StoredStream.Desired;

/** Small valid stream definitions for the manager's tests. */
final class Definitions {

    private Definitions() {
    }

    /** A filter stream called {@code name} on the given engine ({@code kafka} or {@code storm}). */
    static StreamDefinition stream(String name, String engine) {
        return new StreamDefinitionReader().read("""
                {"name":"%s","engine":"%s","source":{"topics":["in"]},
                 "pipeline":[{"op":"filter","where":{"field":"temp","gt":25}}],
                 "sink":{"topic":"out"}}""".formatted(name, engine));
    }

    static StreamDefinition stream(String name) {
        return stream(name, "kafka");
    }

    static StoredStream stored(String name, Desired desired, long generation) {
        return new StoredStream(stream(name), desired, generation, 0);
    }
}
