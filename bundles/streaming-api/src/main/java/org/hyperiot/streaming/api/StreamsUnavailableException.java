package org.hyperiot.streaming.api;

/**
 * This node cannot serve stream operations now, for a reason that waiting a few seconds will not
 * cure: for example the topic that holds the stream definitions is not fit to hold them. The message
 * says what is wrong and what an operator can do about it.
 */
public class StreamsUnavailableException extends StreamingException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the reason and the remedy, for operators. */
    public StreamsUnavailableException(String message) {
        super(message);
    }
}
