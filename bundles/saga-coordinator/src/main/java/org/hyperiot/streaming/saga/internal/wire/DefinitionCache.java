package org.hyperiot.streaming.saga.internal.wire;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.saga.internal.definition.SagaDefinitionJson;

/**
 * The JSON forms of the few definitions a node sees again and again. Every start and every saga log
 * write carries its saga's definition, so without this each one wrote the definition out, or read and
 * validated it again, for what is nearly always one of a handful of definitions. Reading gives the same
 * instance for the same text, so writing can look definitions up by identity, without hashing them.
 * The most recently used are kept. Thread-safe.
 */
final class DefinitionCache {

    private static final int SIZE = 256;

    private final SagaDefinitionJson json = new SagaDefinitionJson();
    private final Map<Identity, String> texts = lru();
    private final Map<String, SagaDefinition> definitions = lru();

    /** The definition as JSON text. */
    synchronized String text(SagaDefinition definition) {
        return texts.computeIfAbsent(new Identity(definition), key -> json.write(definition));
    }

    /**
     * The definition a JSON text holds.
     *
     * @throws RuntimeException as {@link SagaDefinitionJson#read} does, for a text that is not a valid definition
     */
    synchronized SagaDefinition read(String text) {
        SagaDefinition definition = definitions.get(text);
        if (definition == null) {
            definition = json.read(text);
            definitions.put(text, definition);
        }
        return definition;
    }

    /** A definition compared by identity: definitions are immutable, and the same one comes back as the same instance. */
    private record Identity(SagaDefinition definition) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.definition == definition;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(definition);
        }
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > SIZE;
            }
        };
    }
}
