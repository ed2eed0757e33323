package org.hyperiot.streaming.engine.definition;

/**
 * RFC 6901 JSON pointers, as the definition readers of streams and sagas report problems with them.
 */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** The pointer of member {@code name} of the object at {@code parent}, escaping {@code ~} and {@code /}. */
    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of element {@code index} of the array at {@code parent}. */
    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** Whether {@code pointer} is {@code ancestor} itself or points inside it. */
    public static boolean within(String pointer, String ancestor) {
        return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
    }
}
