package org.hyperiot.streaming.api.saga;

import org.hyperiot.streaming.api.StreamingException;

/** A saga definition with the given name already exists. */
public class SagaDefinitionExistsException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final String definitionName;

    /** Creates the exception for the name already taken. */
    public SagaDefinitionExistsException(String definitionName) {
        super("a saga definition named '" + definitionName + "' already exists");
        this.definitionName = definitionName;
    }

    /** The name already taken. */
    public String definitionName() {
        return definitionName;
    }
}
