package org.hyperiot.streaming.storm.streams.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.storm.worker.StreamTopology;
import org.hyperiot.streaming.storm.worker.StreamTopologyName;

/**
 * One stream on Storm, as the Storm connector deploys it: topology {@code stream-<name>} owned by
 * {@code stream:<name>}, built from the definition, whose JSON travels in the topology configuration,
 * with the runtime jar as topology jar and the Kafka secrets as credentials.
 *
 * <p>Every node registers an equal provider for a running stream; the connector's fingerprint lets only
 * the first submit. A changed definition is {@link #update updated} in place, and the registration's
 * properties changed, so that the connector reads the provider again and redeploys (kill with its wait,
 * then submit): no two copies of the stream run.
 */
final class StreamTopologyProvider implements TopologyProvider {

    /** What one deployment submits. */
    record Deployment(StreamDefinition definition, String definitionJson, Map<String, Object> configuration,
            Map<String, String> credentials) {

        static Deployment of(StreamDefinition definition, String definitionJson, WorkerKafkaSettings kafka,
                StormStreamsConfiguration settings) {
            return new Deployment(definition, definitionJson, Map.copyOf(StreamTopology.configuration(definition,
                    definitionJson, kafka.shown(), settings.transaction_timeout_ms(), settings.workers())),
                    kafka.credentials());
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

    @Override
    public List<URI> jars() {
        return List.of(runtimeJar);
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
