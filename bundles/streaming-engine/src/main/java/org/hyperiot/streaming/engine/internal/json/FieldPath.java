package org.hyperiot.streaming.engine.internal.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dotted field path ({@code a.b.c}) into a JSON object tree. Every segment names a member of an
 * object; there is no array indexing and no escaping, so a member whose name contains a dot cannot be
 * addressed. Updates copy the objects along the path and never modify the tree they are given,
 * because values are shared between records.
 */
public final class FieldPath {

    /** Returned by {@link #get} when the path does not lead to a member, to tell it apart from a JSON {@code null}. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private final String text;
    private final String[] segments;

    private FieldPath(String text) {
        this.text = text;
        this.segments = text.split("\\.", -1);
    }

    /** The path for the given dotted text. */
    public static FieldPath of(String dotted) {
        return new FieldPath(dotted);
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** The value at this path, {@link #MISSING} if some segment is absent or not inside an object. */
    public Object get(Object root) {
        Object current = root;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> object)) {
                return MISSING;
            }
            Object next = object.get(segment);
            if (next == null && !object.containsKey(segment)) {
                return MISSING;
            }
            current = next;
        }
        return current;
    }

    /**
     * A copy of {@code root} with the value at this path set; missing parents, or parents that are not
     * objects, become objects.
     */
    public Map<String, Object> with(Map<?, ?> root, Object value) {
        return with(root, 0, value);
    }

    private Map<String, Object> with(Map<?, ?> object, int index, Object value) {
        Map<String, Object> copy = copyOf(object);
        String segment = segments[index];
        if (index == segments.length - 1) {
            copy.put(segment, value);
        } else {
            Object child = object.get(segment);
            Map<?, ?> childObject = child instanceof Map<?, ?> m ? m : Collections.emptyMap();
            copy.put(segment, with(childObject, index + 1, value));
        }
        return copy;
    }

    /** A copy of {@code root} without the member at this path, or {@code root} itself if there is none. */
    public Map<?, ?> without(Map<?, ?> root) {
        return without(root, 0);
    }

    private Map<?, ?> without(Map<?, ?> object, int index) {
        String segment = segments[index];
        if (!object.containsKey(segment)) {
            return object;
        }
        if (index == segments.length - 1) {
            Map<String, Object> copy = copyOf(object);
            copy.remove(segment);
            return copy;
        }
        Object child = object.get(segment);
        if (!(child instanceof Map<?, ?> childObject)) {
            return object;
        }
        Map<?, ?> updated = without(childObject, index + 1);
        if (updated == childObject) {
            return object;
        }
        Map<String, Object> copy = copyOf(object);
        copy.put(segment, updated);
        return copy;
    }

    /**
     * Copies the member at this path, if present, from {@code source} into {@code target}, creating
     * the parent objects in {@code target}; {@code target} must be a tree the caller owns.
     */
    public void copyInto(Object source, Map<String, Object> target) {
        Object value = get(source);
        if (value == MISSING) {
            return;
        }
        Map<String, Object> current = target;
        for (int i = 0; i < segments.length - 1; i++) {
            // The parent may be a subtree copied from the source by an earlier, shorter path
            // ("a" then "a.b"), so it is copied before being written to.
            Object child = current.get(segments[i]);
            Map<String, Object> owned = child instanceof Map<?, ?> m ? copyOf(m) : new LinkedHashMap<>();
            current.put(segments[i], owned);
            current = owned;
        }
        current.put(segments[segments.length - 1], value);
    }

    private static Map<String, Object> copyOf(Map<?, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(8, object.size() * 2));
        object.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}
