package org.hyperiot.streaming.api.storm;

/** The state of a topology as Nimbus reports it. */
public enum TopologyStatus {

    /** Its spouts emit tuples. */
    ACTIVE,

    /** Deployed, but its spouts emit nothing until it is activated. */
    INACTIVE,

    /** Nimbus is moving its executors; it returns to its previous state afterwards. */
    REBALANCING,

    /** Being killed: Nimbus forgets it once the kill's wait has passed. */
    KILLED
}
