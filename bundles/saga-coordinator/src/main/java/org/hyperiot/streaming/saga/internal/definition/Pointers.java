package org.hyperiot.streaming.saga.internal.definition;

/** Builds RFC 6901 JSON pointers. */
final class Pointers {

    private Pointers() {
    }

    static String member(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String element(String parent, int index) {
        return parent + "/" + index;
    }
}
