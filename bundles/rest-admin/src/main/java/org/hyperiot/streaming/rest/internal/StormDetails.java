package org.hyperiot.streaming.rest.internal;

import java.util.regex.Pattern;

/**
 * A Storm failure's message as a problem's {@code detail}. The connector's messages are written for
 * people, but they end with what Nimbus or the transport said, which can name Java types
 * ({@code java.net.ConnectException: Connection refused}) and, for a topology Nimbus refused, run
 * long: types are cut to their simple name and the message to a readable length.
 */
final class StormDetails {

    static final int MAX_LENGTH = 2_000;

    /** A package-qualified type name; the simple name is kept. */
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    private StormDetails() {
    }

    static String forClient(String message) {
        if (message == null || message.isBlank()) {
            return "Storm gave no reason";
        }
        String simple = QUALIFIED_TYPE.matcher(message).replaceAll("$1")
                .replaceAll("(?<=[A-Za-z0-9_])\\$(?=[A-Z])", ".")
                .replaceAll("[\\p{Cntrl}&&[^\n]]", " ");
        return simple.length() <= MAX_LENGTH ? simple : simple.substring(0, MAX_LENGTH) + "…";
    }
}
