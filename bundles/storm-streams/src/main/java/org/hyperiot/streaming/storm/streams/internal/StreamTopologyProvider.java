package org.hyperiot.streaming.storm.streams.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.storm.generated.StormTopology;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.definition.OperatorDeclarations;
import org.hyperiot.streaming.storm.worker.StreamTopology;
import org.hyperiot.streaming.storm.worker.StreamTopologyName;

/**
 * One stream on Storm, as the Storm connector deploys it: topology {@code stream-<name>} owned by
 * {@code stream:<name>}, built from the definition, whose JSON travels in the topology configuration,
 * with the runtime jar as topology jar, the jars of its portable processors beside it, and the Kafka
 * secrets as credentials.
 *
 * <p>Every node registers an equal provider for a running stream; the connector's fingerprint lets only
 * the first submit. A changed definition is {@link #update updated} in place, and the registration's
 * properties changed, so that the connector reads the provider again and redeploys (kill with its wait,
 * then submit): no two copies of the stream run.
 */
final class StreamTopologyProvider implements TopologyProvider {

    /** What one deployment submits; {@code extensionJars} are the jars of its portable processors. */
    record Deployment(StreamDefinition definition, String definitionJson, Map<String, Object> configuration,
            Map<String, String> credentials, List<URI> extensionJars) {

        static Deployment of(StreamDefinition definition, String definitionJson, WorkerKafkaSettings kafka,
                StreamTopology.Settings settings, PortableExtensions portable) {
            Map<String, String> processors = new TreeMap<>();
            Map<String, String> aggregators = new TreeMap<>();
            Set<URI> jars = new TreeSet<>();
            for (ExtensionReference reference : OperatorDeclarations.references(definition)) {
                String className = portable.classOf(reference);
                if (className == null) {
                    throw new IllegalArgumentException(reference.kind().word() + " " + reference.name() + " is not portable");
                }
                (reference.kind() == ExtensionReference.Kind.PROCESSOR ? processors : aggregators)
                        .put(reference.name(), className);
                jars.add(portable.jars().get(className));
            }
            return new Deployment(definition, definitionJson, Map.copyOf(StreamTopology.configuration(definition,
                    definitionJson, kafka.shown(), settings, processors, aggregators)), kafka.credentials(),
                    List.copyOf(jars));
        }
    }

    private final String stream;
    private final URI runtimeJar;
    private Deployment deployment;
    private StormTopology topology;

    StreamTopologyProvider(Deployment deployment, URI runtimeJar) {
        this.stream = deployment.definition().name();
        this.deployment = deployment;
        this.runtimeJar = runtimeJar;
    }

    /** Replaces what is deployed; the caller then changes the registration's properties. */
    synchronized void update(Deployment next) {
        deployment = next;
        topology = null;
    }

    synchronized Deployment deployment() {
        return deployment;
    }

    @Override
    public String name() {
        return StreamTopologyName.of(stream);
    }

    /** Built on the connector's first call, which it makes with storm-client's loader as context loader. */
    @Override
    public synchronized StormTopology topology() {
        if (topology == null) {
            topology = StreamTopology.build(deployment.definition());
        }
        return topology;
    }

    @Override
    public synchronized Map<String, Object> configuration() {
        return deployment.configuration();
    }

    /** The runtime jar first (the topology jar), then the jars of the portable processors it uses. */
    @Override
    public synchronized List<URI> jars() {
        List<URI> jars = new ArrayList<>();
        jars.add(runtimeJar);
        jars.addAll(deployment.extensionJars());
        return jars;
    }

    @Override
    public synchronized Map<String, String> credentials() {
        return deployment.credentials();
    }

    @Override
    public String owner() {
        return "stream:" + stream;
    }
}
