package org.hyperiot.streaming.rest.internal;

import java.util.List;

import javax.ws.rs.WebApplicationException;

/**
 * Ends a request with a problem response; thrown by resources, filters and the JSON reader, mapped
 * by {@link ProblemMapper}. It is a {@link WebApplicationException} so that CXF passes it through
 * message body readers unchanged instead of turning it into a bare 400.
 */
final class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ApiException(int status, String code, String title, String detail) {
        this(Problem.of(status, code, title, detail));
    }

    ApiException(Problem problem) {
        super(problem.detail(), problem.status());
        this.problem = problem;
    }

    static ApiException validation(String detail, List<Problem.FieldError> errors) {
        Problem base = Problem.of(422, "INVALID_REQUEST", "Invalid request", detail);
        return new ApiException(new Problem(base.type(), base.title(), base.status(), detail, base.code(), errors));
    }

    Problem problem() {
        return problem;
    }
}
