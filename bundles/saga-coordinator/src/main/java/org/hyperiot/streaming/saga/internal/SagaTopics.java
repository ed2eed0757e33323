package org.hyperiot.streaming.saga.internal;

/**
 * The Kafka names the coordinator owns, all prefixed {@code hyperiot-saga-} (SPEC §8), so the REST API
 * and the shell refuse to create, delete or reconfigure them.
 */
public final class SagaTopics {

    /** Compacted, one partition: every saga definition, keyed by name (the default of {@code definitions.topic}). */
    public static final String DEFINITIONS = "hyperiot-saga-definitions";
    /** Compacted, keyed by saga id: each saga's whole state and history. */
    public static final String LOG = "hyperiot-saga-log";
    /**
     * Keyed by saga id, as many partitions as the log: start and operator requests and participants'
     * replies. Partition p of it is consumed by the coordinator owning partition p of the log.
     */
    public static final String EVENTS = "hyperiot-saga-events";
    /** The consumer group of the coordinators; its members share the events topic, and so the sagas. */
    public static final String COORDINATOR_GROUP = "hyperiot-saga-coordinator";

    private static final String COMMANDS = "hyperiot-saga-commands-";
    private static final String HANDLED = "hyperiot-saga-handled-";
    private static final String PARTICIPANT = "hyperiot-saga-participant-";

    private SagaTopics() {
    }

    /** The topic of a participant's commands, keyed by saga id. */
    public static String commands(String participant) {
        return COMMANDS + participant;
    }

    /**
     * A participant's record of the commands it answered for good, keyed by command id, partition p
     * holding the commands of partition p of its commands topic.
     */
    public static String handled(String participant) {
        return HANDLED + participant;
    }

    /** The consumer group of a participant's instances. */
    public static String participantGroup(String participant) {
        return PARTICIPANT + participant;
    }

    /**
     * The transactional id of one of this node's coordinator loops: the first keeps the name a node with
     * one loop always had, so that a restarted node fences what it left open.
     */
    public static String coordinatorTransactionalId(String nodeId, int loop) {
        return COORDINATOR_GROUP + "-" + nodeId + (loop == 0 ? "" : "-" + loop);
    }

    /** The transactional id of this node's instance of a participant. */
    public static String participantTransactionalId(String participant, String nodeId) {
        return PARTICIPANT + participant + "-" + nodeId;
    }

    /** Whether a topic is one of the coordinator's, which a participant's effects may not write to. */
    public static boolean isOwned(String topic) {
        return topic.startsWith("hyperiot-saga-");
    }
}
