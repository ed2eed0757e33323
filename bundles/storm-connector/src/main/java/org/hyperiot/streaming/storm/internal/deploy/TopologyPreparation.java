package org.hyperiot.streaming.storm.internal.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.storm.generated.StormTopology;
import org.apache.storm.utils.Utils;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.storm.internal.StormClientLoader;
import org.hyperiot.streaming.storm.internal.TopologyConfiguration;
import org.hyperiot.streaming.storm.internal.TopologyNames;

/**
 * Reads a provider into a {@link PreparedTopology}: calls its methods (the topology may be built
 * now), checks the name, owner and configuration, brings its jars to local disk and computes the
 * fingerprint. Any refusal is an {@code INVALID_TOPOLOGY} {@link StormException} saying what to fix.
 */
final class TopologyPreparation {

    /** Where jars that are not local files are copied to, and how the registering bundle's own jar is found. */
    interface JarSources {
        /** The jar of the bundle that registered the provider, on local disk. */
        Path registeringBundleJar() throws IOException;

        /** A jar named by URI, on local disk. */
        Path fetch(URI jar) throws IOException;
    }

    private TopologyPreparation() {
    }

    static PreparedTopology prepare(TopologyProvider provider, String defaultOwner, JarSources sources) {
        String name = TopologyNames.checkTopologyName(provider.name());
        String owner = TopologyNames.checkOwner(provider.owner() == null ? defaultOwner : provider.owner());
        StormTopology topology;
        try {
            topology = Objects.requireNonNull(provider.topology(), "topology() returned null");
        } catch (RuntimeException e) {
            throw new StormException(StormException.INVALID_TOPOLOGY,
                    "Topology provider " + name + " could not give its topology: " + e, e);
        }
        Map<String, Object> own = provider.configuration() == null ? Map.of() : provider.configuration();
        TopologyConfiguration.check(own);
        String configurationJson = TopologyConfiguration.toJson(own);
        List<TopologyJar> jars = jars(name, provider.jars(), sources);
        byte[] serialised;
        try {
            serialised = StormClientLoader.call(() -> Utils.thriftSerialize(topology));
        } catch (Exception e) {
            throw new StormException(StormException.INVALID_TOPOLOGY,
                    "Topology " + name + " cannot be serialised for Nimbus: " + e, e);
        }
        String fingerprint = TopologyFingerprint.of(name, owner, configurationJson,
                jars.stream().map(TopologyJar::sha256).toList(), serialised);
        Map<String, String> credentials = provider.credentials() == null ? Map.of() : provider.credentials();
        return new PreparedTopology(name, owner, topology,
                TopologyConfiguration.submitted(name, own, owner, fingerprint), jars, credentials, fingerprint);
    }

    private static List<TopologyJar> jars(String name, List<URI> declared, JarSources sources) {
        List<TopologyJar> jars = new ArrayList<>();
        try {
            if (declared == null || declared.isEmpty()) {
                jars.add(TopologyJar.of(sources.registeringBundleJar()));
            } else {
                for (URI uri : declared) {
                    Path path = "file".equals(uri.getScheme()) ? Path.of(uri) : sources.fetch(uri);
                    if (!Files.isRegularFile(path)) {
                        throw new IOException(uri + " is not a file");
                    }
                    jars.add(TopologyJar.of(path));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StormException(StormException.INVALID_TOPOLOGY,
                    "The jars of topology " + name + " cannot be read: " + e.getMessage(), e);
        }
        return jars;
    }
}
