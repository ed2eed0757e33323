package org.hyperiot.streaming.api;

import java.util.List;
import java.util.stream.Collectors;

/** A stream definition broke one or more rules; {@link #errors()} lists every problem found, not just the first. */
public class InvalidStreamDefinitionException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final List<ValidationError> errors;

    /** Creates the exception for the given problems (at least one). */
    public InvalidStreamDefinitionException(List<ValidationError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found. */
    public List<ValidationError> errors() {
        return errors;
    }

    private static String summary(List<ValidationError> errors) {
        return "invalid stream definition: " + errors.stream()
                .map(e -> (e.pointer().isEmpty() ? "(document)" : e.pointer()) + ": " + e.message())
                .collect(Collectors.joining("; "));
    }
}
