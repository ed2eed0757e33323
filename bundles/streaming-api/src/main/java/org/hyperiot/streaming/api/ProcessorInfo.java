package org.hyperiot.streaming.api;

/**
 * A custom processor or aggregator registered as an OSGi service.
 *
 * @param name   the name stream definitions refer to
 * @param kind   processor or aggregator
 * @param bundle the symbolic name of the bundle that registered it
 * @param version the version of that bundle
 */
public record ProcessorInfo(String name, Kind kind, String bundle, String version) {

    /** What a registered extension is. */
    public enum Kind {
        /** A {@link StreamProcessor}, used by the {@code processor} operator. */
        PROCESSOR,
        /** A {@link StreamAggregator}, used by a window's {@code aggregate} list. */
        AGGREGATOR
    }
}
