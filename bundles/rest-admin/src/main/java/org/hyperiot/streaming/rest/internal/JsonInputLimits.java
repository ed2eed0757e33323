package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Bounds on the shape of a JSON request body, checked by a streaming pass before any tree or object
 * is built: nesting depth, length of a number literal, of a string and of a member name. Jackson
 * 2.14 (the one inside Karaf) has none of these, and without them a 10 KB body of nested arrays
 * overflows the stack of the recursive readers that come after, and a 1 MB integer literal costs
 * seconds of CPU in {@code BigInteger} conversion. The pass itself keeps an explicit stack, reads
 * each token once and converts nothing. Syntax errors are left to the reader that follows, which
 * reports them its own way.
 */
final class JsonInputLimits {

    /** Deepest nesting of arrays and objects, the document's own braces counting as 1. */
    static final int MAX_DEPTH = 64;
    /** Longest number literal, in characters. */
    static final int MAX_NUMBER_LENGTH = 1_000;
    /** Longest string value, in characters. */
    static final int MAX_STRING_LENGTH = 256 * 1024;
    /** Longest member name, in characters. */
    static final int MAX_NAME_LENGTH = 1_000;

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonInputLimits() {
    }

    /** Throws 400 {@code JSON_LIMIT_EXCEEDED} with the pointer of the first value beyond a limit. */
    static void check(byte[] json) {
        String violation;
        Deque<Object> path = new ArrayDeque<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            violation = firstViolation(parser, path);
        } catch (JsonProcessingException e) {
            return;
        } catch (IOException e) {
            return;
        }
        if (violation != null) {
            String pointer = pointer(path);
            String detail = violation + " at " + (pointer.isEmpty() ? "the document root" : pointer);
            Problem base = Problem.of(400, "JSON_LIMIT_EXCEEDED", "JSON body beyond the limits", detail);
            throw new ApiException(new Problem(base.type(), base.title(), 400, detail, base.code(),
                    List.of(new Problem.FieldError(pointer, violation))));
        }
    }

    /**
     * Walks the tokens keeping {@code path} (member names and array indexes, innermost last) so that
     * a violation can be reported with its pointer.
     */
    private static String firstViolation(JsonParser parser, Deque<Object> path) throws IOException {
        int depth = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    advanceIndex(path);
                    depth++;
                    if (depth > MAX_DEPTH) {
                        return "nesting deeper than " + MAX_DEPTH + " levels";
                    }
                    // A marker for the container: null for an object (a name follows), -1 for an array.
                    path.addLast(token == JsonToken.START_ARRAY ? Integer.valueOf(-1) : Marker.OBJECT);
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    path.removeLast();
                }
                case FIELD_NAME -> {
                    if (parser.getTextLength() > MAX_NAME_LENGTH) {
                        return "a member name longer than " + MAX_NAME_LENGTH + " characters";
                    }
                    path.removeLast();
                    path.addLast(new Name(parser.getCurrentName()));
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    advanceIndex(path);
                    if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
                        return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
                    }
                }
                case VALUE_STRING -> {
                    advanceIndex(path);
                    if (parser.getTextLength() > MAX_STRING_LENGTH) {
                        return "a string longer than " + MAX_STRING_LENGTH + " characters";
                    }
                }
                default -> advanceIndex(path);
            }
        }
        return null;
    }

    private enum Marker { OBJECT }

    private record Name(String value) {
    }

    /** A value inside an array moves the array's index on. */
    private static void advanceIndex(Deque<Object> path) {
        if (!path.isEmpty() && path.peekLast() instanceof Integer index) {
            path.removeLast();
            path.addLast(index + 1);
        }
    }

    private static String pointer(Deque<Object> path) {
        StringBuilder pointer = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Name name) {
                pointer.append('/').append(name.value().replace("~", "~0").replace("/", "~1"));
            } else if (step instanceof Integer index && index >= 0) {
                pointer.append('/').append(index);
            }
        }
        return pointer.toString();
    }
}
