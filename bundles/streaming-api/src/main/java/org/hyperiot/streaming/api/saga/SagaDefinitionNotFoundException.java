package org.hyperiot.streaming.api.saga;

import org.hyperiot.streaming.api.StreamingException;

/** No saga definition has the given name. */
public class SagaDefinitionNotFoundException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final String definitionName;

    /** Creates the exception for the missing definition. */
    public SagaDefinitionNotFoundException(String definitionName) {
        super("no saga definition named '" + definitionName + "'");
        this.definitionName = definitionName;
    }

    /** The name that was looked up. */
    public String definitionName() {
        return definitionName;
    }
}
