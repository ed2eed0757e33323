package org.hyperiot.streaming.api.saga;

import java.util.List;

import org.hyperiot.streaming.api.ValidationError;

/**
 * Saga definitions in their JSON form, as in section 8 of the product contract. Durations are written
 * {@code 200ms}, {@code 10s}, {@code 5m} or {@code 1h}; unknown members are rejected.
 */
public interface SagaDefinitionFormat {

    /**
     * Reads and validates a definition.
     *
     * @throws MalformedSagaDefinitionException if the text is not JSON
     * @throws InvalidSagaDefinitionException   if the JSON is not a valid saga definition; every problem
     *                                          is listed with the JSON pointer of the member at fault
     */
    SagaDefinition read(String json);

    /**
     * Every problem of a definition, for a "validate" request; empty when it is valid.
     *
     * @throws MalformedSagaDefinitionException if the text is not JSON
     */
    List<ValidationError> validate(String json);

    /**
     * The definition as compact JSON that {@link #read(String)} reads back to an equal definition.
     *
     * @throws IllegalArgumentException if a duration of the definition has no JSON form (negative, or
     *                                  with a fraction of a millisecond)
     */
    String write(SagaDefinition definition);
}
