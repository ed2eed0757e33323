package org.hyperiot.streaming.api;

/** The life-cycle state of a stream or of one of its tasks. */
public enum StreamState {
    /** Defined but never started. */
    CREATED,
    /** Processing records. */
    RUNNING,
    /** Stopped by an operator; resumes from its last checkpoint when started. */
    STOPPED,
    /** Waiting for a custom processor or aggregator that is not registered; resumes when it comes back. */
    WAITING,
    /** Its tasks are being moved between nodes; processing resumes when the move completes. */
    REBALANCING,
    /** Stopped by an error that the stream could not route to a dead-letter topic; see the status for the error. */
    FAILED
}
