package org.hyperiot.streaming.api.saga;

import java.util.List;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.ValidationError;

/**
 * A saga definition broke one or more rules; {@link #errors()} lists every problem found, each with
 * the JSON pointer of the member at fault (such as {@code /steps/1/parallel/0/participant}).
 */
public class InvalidSagaDefinitionException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final List<ValidationError> errors;

    /** Creates the exception for the given problems (at least one). */
    public InvalidSagaDefinitionException(List<ValidationError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found. */
    public List<ValidationError> errors() {
        return errors;
    }

    private static String summary(List<ValidationError> errors) {
        return "invalid saga definition: " + errors.stream()
                .map(e -> (e.pointer().isEmpty() ? "(document)" : e.pointer()) + ": " + e.message())
                .collect(Collectors.joining("; "));
    }
}
