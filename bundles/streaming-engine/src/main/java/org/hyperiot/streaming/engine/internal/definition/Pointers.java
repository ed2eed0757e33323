package org.hyperiot.streaming.engine.internal.definition;

/** Builds RFC 6901 JSON pointers. */
final class Pointers {

    private Pointers() {
    }

    static String child(String parent, String member) {
        return parent + "/" + member.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
