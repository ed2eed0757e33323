package org.hyperiot.streaming.benchmark.saga;

/**
 * The topics of one contestant's message exchange, of the same shape on both sides: starts and replies
 * on an events topic, each saga's state in a compacted log topic, commands on one topic per participant,
 * and per participant a compacted note of each command answered for good.
 *
 * @param events         starts and participants' replies, keyed by saga id
 * @param log            the saga log, compacted, keyed by saga id
 * @param commandsPrefix a participant's commands topic is this plus its name
 * @param handledPrefix  a participant's handled-command notes are this plus its name
 */
public record ExchangeTopics(String events, String log, String commandsPrefix, String handledPrefix) {

    /** The coordinator's names (bundles/saga-coordinator {@code SagaTopics}). */
    public static final ExchangeTopics HYPERIOT = new ExchangeTopics("hyperiot-saga-events", "hyperiot-saga-log",
            "hyperiot-saga-commands-", "hyperiot-saga-handled-");

    /** The raw loop's. */
    public static final ExchangeTopics RAW_LOOP = new ExchangeTopics("raw-saga-events", "raw-saga-log",
            "raw-saga-commands-", "raw-saga-handled-");

    public String commands(String participant) {
        return commandsPrefix + participant;
    }

    public String handled(String participant) {
        return handledPrefix + participant;
    }
}
