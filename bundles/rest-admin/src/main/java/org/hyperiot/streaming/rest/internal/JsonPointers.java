package org.hyperiot.streaming.rest.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

/** Builds RFC 6901 JSON pointers from Jackson's location of a mapping error. */
final class JsonPointers {

    private JsonPointers() {
    }

    /** The pointer to {@code field} of the object at {@code /parent}. */
    static String of(String parent, String field) {
        return "/" + escape(parent) + "/" + escape(field);
    }

    static String of(List<Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (Reference reference : path) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(escape(reference.getFieldName()));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
