package org.hyperiot.streaming.api.saga;

import java.util.Objects;

/**
 * A record a participant asks to have written to Kafka together with its reply: in the same Kafka
 * transaction as the reply and the note that the command was handled. A participant whose only effect is
 * such records applies it exactly once, whatever crashes and redeliveries happen, since the record, the
 * reply and the handled note commit together or not at all.
 *
 * @param topic the topic to write to; not a Kafka-internal topic ({@code __…}) nor one the coordinator
 *              owns ({@code hyperiot-saga-…})
 * @param key   the record's key, UTF-8; {@code null} for none
 * @param value the record's value, UTF-8 (JSON text, typically); {@code null} for a tombstone
 */
public record SagaEffect(String topic, String key, String value) {

    /** Checks that the topic is named. */
    public SagaEffect {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("an effect needs a topic");
        }
    }
}
