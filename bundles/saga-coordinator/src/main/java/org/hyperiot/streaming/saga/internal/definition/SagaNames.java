package org.hyperiot.streaming.saga.internal.definition;

import java.util.regex.Pattern;

/**
 * The syntax of the names a saga definition holds. Saga, step and participant names end up in Kafka
 * record keys, topic names, command ids and URLs, so they use the stream name syntax; actions and
 * failure codes may also use upper-case letters. None of them may contain {@code /} or {@code :},
 * which is what keeps command ids and timer ids unambiguous.
 */
public final class SagaNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private SagaNames() {
    }

    /** Whether the text can name a saga definition, a step or a participant. */
    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** Whether the text can name an action or a compensation. */
    public static boolean isAction(String text) {
        return text != null && ACTION.matcher(text).matches();
    }

    /** Whether the text can be a failure code in a retry policy. */
    public static boolean isCode(String text) {
        return text != null && CODE.matcher(text).matches();
    }
}
