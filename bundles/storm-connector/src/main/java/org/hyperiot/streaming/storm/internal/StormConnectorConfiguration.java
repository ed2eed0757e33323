package org.hyperiot.streaming.storm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed view of PID {@code org.hyperiot.streaming.storm}; {@link ConnectorSettings} checks the values. */
@ObjectClassDefinition(
        name = "HyperIoT Streaming Storm connector",
        description = "The Storm cluster (its Nimbus) whose topologies the platform lists, controls and deploys.")
@interface StormConnectorConfiguration {

    @AttributeDefinition(name = "Nimbus seeds",
            description = "Comma-separated hosts of the Nimbus daemons; the connector talks to whichever is the leader.")
    String nimbus_seeds() default "127.0.0.1";

    @AttributeDefinition(name = "Nimbus Thrift port", min = "1", max = "65535",
            description = "The Thrift port of every Nimbus (nimbus.thrift.port of the cluster).")
    int nimbus_thrift_port() default 6627;

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1",
            description = "How long finding the leader Nimbus may take before Nimbus counts as unreachable.")
    int connect_timeout_ms() default 5000;

    @AttributeDefinition(name = "Request timeout (ms)", min = "1",
            description = "How long one request to Nimbus (a jar upload chunk, a submission) may wait for its answer.")
    int request_timeout_ms() default 30000;

    @AttributeDefinition(name = "Kill wait (s)", min = "5",
            description = "Seconds a killed or rebalanced topology gets to finish its tuples when the request names "
                    + "no wait. Never under 5: shorter waits leave workers no time to stop cleanly.")
    int kill_wait_seconds() default 10;

    @AttributeDefinition(name = "Undeploy on unregister",
            description = "Kill a provider's topology when its TopologyProvider service goes away (bundle stopped or "
                    + "uninstalled). False keeps it running. Stopping Karaf never kills topologies.")
    boolean undeploy_on_unregister() default true;

    @AttributeDefinition(name = "Redeploy timeout (s)", min = "1",
            description = "How long a redeployment waits, after the kill wait, for Nimbus to forget the old topology "
                    + "before it gives up and retries later.")
    int redeploy_timeout_seconds() default 120;

    @AttributeDefinition(name = "Health interval (ms)", min = "1000",
            description = "How often the cluster's state (leader, supervisors, slots) is checked in the background; "
                    + "the cluster status is the result of the last check and never waits for Nimbus.")
    long health_interval_ms() default 15000;

    @AttributeDefinition(name = "Reconcile interval (s)", min = "10",
            description = "How often every topology provider's topology is compared with what Nimbus runs even when "
                    + "nothing changed: a provider's topology killed outside the platform (or lost with the cluster's "
                    + "state) is submitted again.")
    int reconcile_interval_seconds() default 60;
}
