package org.hyperiot.streaming.api.saga;

import java.time.Instant;

/**
 * One line of a saga list.
 *
 * @param id         the saga's id
 * @param definition the name of its definition
 * @param state      where it stands
 * @param createdAt  when it started
 * @param updatedAt  when it last changed
 * @param error      why it is compensating or failed to compensate, or {@code null}
 */
public record SagaSummary(String id, String definition, SagaState state, Instant createdAt, Instant updatedAt,
                          String error) {
}
