package org.hyperiot.streaming.saga.internal.participant;

import java.util.regex.Pattern;

import org.hyperiot.streaming.saga.internal.SagaTopics;

/** Which topics a participant's effects may be written to. */
final class EffectTopics {

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private EffectTopics() {
    }

    /** Why effects cannot go to the topic, or {@code null} when they can. */
    static String problem(String topic) {
        if (!LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            return "not a legal Kafka topic name";
        }
        if (topic.startsWith("__")) {
            return "a Kafka-internal topic";
        }
        if (SagaTopics.isOwned(topic)) {
            return "a topic of the saga coordinator";
        }
        return null;
    }
}
