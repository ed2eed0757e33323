package org.hyperiot.streaming.example.saga.internal;

/** The saga's data lacks a member the participants need, or holds one of the wrong type. */
final class InvalidOrderInputException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidOrderInputException(String message) {
        super(message);
    }
}
