package org.hyperiot.streaming.api.saga;

import org.hyperiot.streaming.api.StreamingException;

/** No saga has the given id. */
public class SagaNotFoundException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;

    /** Creates the exception for the missing saga. */
    public SagaNotFoundException(String sagaId) {
        super("no saga with id '" + sagaId + "'");
        this.sagaId = sagaId;
    }

    /** The id that was looked up. */
    public String sagaId() {
        return sagaId;
    }
}
