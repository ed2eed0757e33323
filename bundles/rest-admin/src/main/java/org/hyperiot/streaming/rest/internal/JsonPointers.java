package org.hyperiot.streaming.rest.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

/** Builds RFC 6901 JSON pointers from Jackson's location of a mapping error. */
final class JsonPointers {

    private JsonPointers() {
    }

    static String of(List<Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (Reference reference : path) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }
}
