package org.hyperiot.streaming.api.storm;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A topology that a bundle wants deployed on Storm. Register it as an OSGi service (a whiteboard):
 * the Storm connector submits the topology, and submits it again, after killing the running one,
 * whenever what it would submit changes; when the service goes away the connector kills the
 * topology (unless configured with {@code undeploy.on.unregister=false}).
 *
 * <p>What is submitted is {@link #topology()}, {@link #configuration()} and the {@link #jars()};
 * the connector compares a hash of the three with the one recorded in the running topology, so
 * restarting Karaf or re-registering an unchanged provider does not redeploy anything. Changing a
 * provider means registering it again, or updating its service properties.
 *
 * <p>Storm's workers run outside OSGi and load the spouts and bolts from the jars: every class
 * the topology needs must be in them.
 */
@ConsumerType
public interface TopologyProvider {

    /**
     * The topology's name in the cluster: 1 to 128 letters, digits, {@code _} and {@code -},
     * starting with a letter or digit. It must not change while the service is registered. A name
     * already deployed by someone else is left alone and reported as {@code ALREADY_ALIVE}.
     */
    String name();

    /**
     * The topology to submit. Called when the connector (re)deploys or compares, which may be long
     * after registration and more than once: build it here lazily, or return one built before. Two
     * calls must return equal topologies while nothing changed, or the provider is redeployed.
     */
    StormTopology topology();

    /**
     * The topology's own configuration (keys such as {@code topology.workers} and the
     * application's keys); values are strings, numbers, booleans, lists and maps of those. Only these
     * keys and {@code topology.name} are submitted, never the connector's client configuration.
     * Refused: keys of the cluster's daemons ({@code storm.}, {@code nimbus.}, {@code supervisor.},
     * …), keys starting with {@code hyperiot.} (the connector's own), and anything that looks like a
     * secret (a key or nested key containing {@code password}, {@code secret}, {@code sasl.jaas} and
     * the like), since any Storm user can read a topology's configuration. Secrets go in
     * {@link #credentials()}.
     */
    default Map<String, Object> configuration() {
        return Map.of();
    }

    /**
     * The jars holding the topology's spouts and bolts, first the topology jar, then any jars it
     * depends on (uploaded to Storm's blob store). URIs the connector can read: {@code file:} and,
     * inside Karaf, {@code mvn:}. Empty, the default, means the jar of the bundle that registered
     * this service.
     */
    default List<URI> jars() {
        return List.of();
    }

    /**
     * Secrets for the spouts and bolts, such as Kafka credentials. They travel as Storm credentials
     * (to components implementing {@code ICredentialsListener}, before {@code prepare}), not in the
     * configuration, and are uploaded again when they change, without a redeploy.
     */
    default Map<String, String> credentials() {
        return Map.of();
    }

    /**
     * Who deployed the topology, as {@link TopologySummary#owner()} shows it: {@code null}, the
     * default, means {@code bundle:<symbolic name of the registering bundle>}; the platform's stream
     * runtime gives {@code stream:<stream name>}.
     */
    default String owner() {
        return null;
    }
}
