package org.hyperiot.streaming.storm.streams.internal;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.hyperiot.streaming.engine.definition.ExtensionReference;

/**
 * The custom processors and aggregators that can travel into a Storm topology: those a bundle declares
 * portable in its manifest, {@value #PROCESSORS_HEADER}{@code : <name>=<class>, …} and
 * {@value #AGGREGATORS_HEADER}{@code : <name>=<class>, …}. A portable class imports nothing but the
 * streaming API and has a public no-argument constructor; the bundle's jar goes with the topology and
 * Storm's workers load the class from it.
 *
 * @param processors  the processors' classes by name
 * @param aggregators the aggregators' classes by name
 * @param jars        the jar of each class, as the connector can fetch it ({@code mvn:} or {@code file:})
 */
record PortableExtensions(Map<String, String> processors, Map<String, String> aggregators, Map<String, URI> jars) {

    static final String PROCESSORS_HEADER = "HyperIoT-Portable-Processors";
    static final String AGGREGATORS_HEADER = "HyperIoT-Portable-Aggregators";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern CLASS = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");

    PortableExtensions {
        processors = Collections.unmodifiableMap(new TreeMap<>(processors));
        aggregators = Collections.unmodifiableMap(new TreeMap<>(aggregators));
        jars = Collections.unmodifiableMap(new TreeMap<>(jars));
    }

    /** None. */
    static PortableExtensions none() {
        return new PortableExtensions(Map.of(), Map.of(), Map.of());
    }

    /** The class of a referenced processor or aggregator, if it is portable. */
    String classOf(ExtensionReference reference) {
        return switch (reference.kind()) {
            case PROCESSOR -> processors.get(reference.name());
            case AGGREGATOR -> aggregators.get(reference.name());
        };
    }

    /**
     * Reads a header value: comma-separated {@code name=fully.qualified.Class} entries.
     *
     * @throws IllegalArgumentException naming the entry that is not one
     */
    static Map<String, String> parse(String header) {
        Map<String, String> classes = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return classes;
        }
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split("=", -1);
            if (parts.length != 2 || !NAME.matcher(parts[0].trim()).matches()
                    || !CLASS.matcher(parts[1].trim()).matches()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not <name>=<fully qualified class>");
            }
            if (classes.put(parts[0].trim(), parts[1].trim()) != null) {
                throw new IllegalArgumentException("'" + parts[0].trim() + "' is declared twice");
            }
        }
        return classes;
    }

    /**
     * Where the connector can fetch a bundle's jar from: its location, when that is an {@code mvn:} or
     * {@code file:} URL (as for every bundle a feature or {@code bundle:install} installs).
     *
     * @throws IllegalArgumentException for any other location
     */
    static URI jarOf(String location) {
        if (location != null && (location.startsWith("mvn:") || location.startsWith("file:"))) {
            try {
                return URI.create(location);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("its location " + location + " is neither an mvn: nor a file: URL, "
                + "which Storm's workers could be given");
    }
}
