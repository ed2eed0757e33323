package org.hyperiot.streaming.engine.definition;

/**
 * Where a stream definition names a custom processor or aggregator, which must be registered before
 * the stream can run.
 *
 * @param pointer the JSON pointer of the name in the definition, for example {@code /pipeline/1/name}
 * @param kind    whether a processor or an aggregator is named
 * @param name    the name it must be registered under
 */
public record ExtensionReference(String pointer, Kind kind, String name) {

    /** What kind of extension a definition names. */
    public enum Kind {
        /** A {@link org.hyperiot.streaming.api.StreamProcessor}. */
        PROCESSOR("processor"),
        /** A {@link org.hyperiot.streaming.api.StreamAggregator}. */
        AGGREGATOR("aggregator");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The kind in words, for messages: {@code processor} or {@code aggregator}. */
        public String word() {
            return word;
        }
    }
}
