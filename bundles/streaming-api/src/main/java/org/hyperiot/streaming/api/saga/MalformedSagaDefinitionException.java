package org.hyperiot.streaming.api.saga;

import org.hyperiot.streaming.api.StreamingException;

/**
 * The text given as a saga definition is not JSON at all, as opposed to JSON that breaks the
 * definition's rules ({@link InvalidSagaDefinitionException}). The REST API answers the first with 400
 * and the second with 422.
 */
public class MalformedSagaDefinitionException extends StreamingException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the parser's explanation, including line and column when known. */
    public MalformedSagaDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
