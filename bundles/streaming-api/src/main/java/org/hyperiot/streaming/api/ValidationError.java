package org.hyperiot.streaming.api;

/**
 * One problem in a stream definition.
 *
 * @param pointer the RFC 6901 JSON pointer of the offending member, for example {@code /pipeline/2/size};
 *                the empty string for the document itself
 * @param message what is wrong, in words a user understands
 */
public record ValidationError(String pointer, String message) {
}
