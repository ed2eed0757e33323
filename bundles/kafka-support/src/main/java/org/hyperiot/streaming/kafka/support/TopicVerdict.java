package org.hyperiot.streaming.kafka.support;

import java.time.Instant;

/**
 * What the last check of an internal topic found ({@link InternalTopicCheck}), as a
 * {@link CompactedTopicMap} keeps it and a health check reports it.
 *
 * @param topic     the topic checked
 * @param outcome   the verdict
 * @param reason    for {@link Outcome#UNFIT} what is wrong and what to do, for
 *                  {@link Outcome#UNVERIFIED} why it could not be checked; otherwise {@code null}
 * @param checkedAt when the verdict was reached
 */
public record TopicVerdict(String topic, Outcome outcome, String reason, Instant checkedAt) {

    /** The outcomes of a check. */
    public enum Outcome {
        /** Not checked yet: Kafka has not answered so far. */
        UNCHECKED,
        /** The topic is as its user needs it (or was just created so). */
        FIT,
        /** The platform's credentials may not describe the topic; it is used as it is, as before checks existed. */
        UNVERIFIED,
        /** The topic would lose or misorder what is kept in it: it is not used. */
        UNFIT
    }

    /** A topic not checked yet, as of {@code now}. */
    public static TopicVerdict unchecked(String topic, Instant now) {
        return new TopicVerdict(topic, Outcome.UNCHECKED, null, now);
    }

    /** A topic found as its user needs it at {@code now}. */
    public static TopicVerdict fit(String topic, Instant now) {
        return new TopicVerdict(topic, Outcome.FIT, null, now);
    }

    /** Whether the topic is read and written: {@link Outcome#FIT} or {@link Outcome#UNVERIFIED}. */
    public boolean usable() {
        return outcome == Outcome.FIT || outcome == Outcome.UNVERIFIED;
    }
}
