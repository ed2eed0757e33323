package org.hyperiot.streaming.api.saga;

import java.util.List;

import org.hyperiot.streaming.api.ValidationError;

/**
 * The saga definitions of the cluster, which {@link SagaCoordinator#start} runs by name. Changing or
 * deleting a definition affects only the sagas started afterwards: a saga keeps the definition it
 * started with.
 */
public interface SagaDefinitionRegistry {

    /** Every definition, ordered by name. */
    List<SagaDefinition> list();

    /**
     * The definition with the given name.
     *
     * @throws SagaDefinitionNotFoundException if there is none
     */
    SagaDefinition get(String name);

    /**
     * Validates and stores a new definition.
     *
     * @return the stored definition
     * @throws InvalidSagaDefinitionException if the definition breaks a rule
     * @throws SagaDefinitionExistsException  if a definition with that name exists
     */
    SagaDefinition create(SagaDefinition definition);

    /**
     * Validates a definition and replaces the stored one of the same name.
     *
     * @return the stored definition
     * @throws InvalidSagaDefinitionException  if the definition breaks a rule
     * @throws SagaDefinitionNotFoundException if no definition has its name
     */
    SagaDefinition update(SagaDefinition definition);

    /**
     * Removes a definition; sagas already started with it carry on.
     *
     * @throws SagaDefinitionNotFoundException if there is none
     */
    void delete(String name);

    /** Every rule the definition breaks, with the JSON pointer of the member at fault; empty when it is valid. */
    List<ValidationError> validate(SagaDefinition definition);
}
