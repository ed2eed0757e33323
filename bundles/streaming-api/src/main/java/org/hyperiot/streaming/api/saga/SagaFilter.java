package org.hyperiot.streaming.api.saga;

import java.time.Instant;

/**
 * Which sagas a list shows. Each member left {@code null} does not filter.
 *
 * @param state         only sagas in this state
 * @param definition    only sagas of the definition with this name
 * @param createdAfter  only sagas started strictly after this instant
 * @param createdBefore only sagas started strictly before this instant
 */
public record SagaFilter(SagaState state, String definition, Instant createdAfter, Instant createdBefore) {

    private static final SagaFilter ALL = new SagaFilter(null, null, null, null);

    /** Every saga. */
    public static SagaFilter all() {
        return ALL;
    }

    /** This filter, keeping only sagas in the given state ({@code null} for any). */
    public SagaFilter withState(SagaState value) {
        return new SagaFilter(value, definition, createdAfter, createdBefore);
    }

    /** This filter, keeping only sagas of the given definition ({@code null} for any). */
    public SagaFilter withDefinition(String value) {
        return new SagaFilter(state, value, createdAfter, createdBefore);
    }

    /** This filter, keeping only sagas started strictly between the given instants ({@code null} for open). */
    public SagaFilter withCreatedBetween(Instant after, Instant before) {
        return new SagaFilter(state, definition, after, before);
    }

    /** Whether the filter keeps the given saga. */
    public boolean matches(SagaSummary saga) {
        return (state == null || state == saga.state())
                && (definition == null || definition.equals(saga.definition()))
                && (createdAfter == null || saga.createdAt().isAfter(createdAfter))
                && (createdBefore == null || saga.createdAt().isBefore(createdBefore));
    }
}
