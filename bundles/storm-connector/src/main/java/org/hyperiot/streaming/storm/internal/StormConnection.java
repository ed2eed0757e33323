package org.hyperiot.streaming.storm.internal;

import org.hyperiot.streaming.api.storm.StormClusterStatus;

/**
 * The connector's connection to Nimbus and what it last learnt about the cluster, shared by the
 * connector's components. Registered by {@link StormConnectionComponent} from this bundle's private
 * package: it is not meant for other bundles.
 */
public interface StormConnection {

    /** The one gateway to the leader Nimbus. */
    NimbusGateway gateway();

    /** The cluster's state from the last background check, at once. */
    StormClusterStatus clusterStatus();
}
