package org.hyperiot.streaming.api.saga;

import org.hyperiot.streaming.api.StreamingException;

/**
 * An operator's request does not apply to the saga in its current state, such as a retry of a
 * {@link SagaState#COMPLETED} saga or a cancel of one that is already compensating.
 */
public class IllegalSagaStateException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;
    private final SagaState state;
    private final String request;

    /**
     * Creates the exception.
     *
     * @param sagaId  the saga
     * @param state   the state it is in
     * @param request what was asked, such as {@code retry}
     * @param allowed in words, when the request would apply
     */
    public IllegalSagaStateException(String sagaId, SagaState state, String request, String allowed) {
        super("cannot " + request + " saga '" + sagaId + "' in state " + state + ": " + allowed);
        this.sagaId = sagaId;
        this.state = state;
        this.request = request;
    }

    /** The saga the request was about. */
    public String sagaId() {
        return sagaId;
    }

    /** The state the saga was in. */
    public SagaState state() {
        return state;
    }

    /** What was asked, such as {@code cancel}, {@code retry} or {@code skip}. */
    public String request() {
        return request;
    }
}
