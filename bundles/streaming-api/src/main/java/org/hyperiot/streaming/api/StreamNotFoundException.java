package org.hyperiot.streaming.api;

/** No stream has the given name. */
public class StreamNotFoundException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final String streamName;

    /** Creates the exception for the missing stream. */
    public StreamNotFoundException(String streamName) {
        super("no stream named '" + streamName + "'");
        this.streamName = streamName;
    }

    /** The name that was looked up. */
    public String streamName() {
        return streamName;
    }
}
