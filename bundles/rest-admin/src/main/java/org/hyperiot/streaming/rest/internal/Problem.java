package org.hyperiot.streaming.rest.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 7807 problem body. {@code code} is stable for scripts; {@code errors} lists validation
 * failures by JSON pointer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid part of a request body. */
    record FieldError(String pointer, String message) {
    }

    static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://hyperiot.org/problems/" + code.toLowerCase().replace('_', '-'), title, status,
                detail, code, null);
    }
}
