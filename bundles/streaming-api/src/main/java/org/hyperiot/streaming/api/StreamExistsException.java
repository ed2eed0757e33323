package org.hyperiot.streaming.api;

/** A stream with the given name already exists in the cluster. */
public class StreamExistsException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final String streamName;

    /** Creates the exception for the name already taken. */
    public StreamExistsException(String streamName) {
        super("a stream named '" + streamName + "' already exists");
        this.streamName = streamName;
    }

    /** The name already taken. */
    public String streamName() {
        return streamName;
    }
}
