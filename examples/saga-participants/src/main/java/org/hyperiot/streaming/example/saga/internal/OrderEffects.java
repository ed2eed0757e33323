package org.hyperiot.streaming.example.saga.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaEffect;

/**
 * The records in which the order participants apply their effects. A participant answers a success with
 * one such record, which the coordinator writes in the same Kafka transaction as the reply: the record
 * is there exactly once for readers with {@code isolation.level=read_committed}, whatever is redelivered
 * or retried, so the participants need no table of command ids already handled.
 *
 * <p>A record is keyed by the command id and its value is JSON:
 * {@code {"sagaId", "step", "participant", "action", "compensation", "orderId", "amount", "attempt", …}}
 * followed by the action's facts, such as {@code "reservationId"}.
 */
final class OrderEffects {

    /** The topic when the configuration names none. */
    static final String DEFAULT_TOPIC = "order-effects";

    // Kafka's rule for topic names.
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String topic;

    /**
     * @param topic where the records go
     * @throws IllegalArgumentException if Kafka would refuse the name, or if Kafka or the saga coordinator
     *                                  owns the topic
     */
    OrderEffects(String topic) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("effects.topic: '" + topic + "' is not a Kafka topic name (1 to 249 "
                    + "of a-z A-Z 0-9 . _ -, not . or ..)");
        }
        if (topic.startsWith("__") || topic.startsWith("hyperiot-saga-")) {
            throw new IllegalArgumentException("effects.topic: '" + topic + "' belongs to Kafka or to the saga "
                    + "coordinator; effects cannot be written there");
        }
        this.topic = topic;
    }

    /** The topic the records go to. */
    String topic() {
        return topic;
    }

    /**
     * The record of a command carried out.
     *
     * @param participant the name of the participant that carried it out
     * @param facts       what the action made or undid, such as {@code {"reservationId": "res-o-17"}}
     */
    SagaEffect record(SagaCommand command, String participant, OrderInput input, Map<String, Object> facts) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("sagaId", command.sagaId());
        value.put("step", command.step());
        value.put("participant", participant);
        value.put("action", command.action());
        value.put("compensation", command.compensation());
        value.put("orderId", input.orderId());
        value.put("amount", input.amount());
        value.put("attempt", command.attempt());
        value.putAll(facts);
        return new SagaEffect(topic, command.commandId(), JsonText.write(value));
    }
}
