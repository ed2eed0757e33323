package org.hyperiot.streaming.engine.definition;

/**
 * The text given as a stream definition is not JSON at all (as opposed to JSON that breaks the
 * definition's rules, which is an {@link org.hyperiot.streaming.api.InvalidStreamDefinitionException}).
 * The REST API answers the first with 400 and the second with 422.
 */
public class MalformedStreamDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the parser's explanation, including line and column. */
    public MalformedStreamDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
