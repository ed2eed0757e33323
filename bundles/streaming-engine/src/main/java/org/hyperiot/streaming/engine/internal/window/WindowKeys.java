package org.hyperiot.streaming.engine.internal.window;

import org.hyperiot.streaming.engine.state.StateKeyCodec;

/**
 * The string form of a window key in store keys: {@code =<key>}, or {@code ~} for the null key, so
 * that the null key and the empty string stay apart.
 */
public final class WindowKeys {

    /** Keys of stores indexed by record key alone. */
    public static final StateKeyCodec<String> CODEC = new StateKeyCodec<>() {
        @Override
        public String encode(String key) {
            return WindowKeys.encode(key);
        }

        @Override
        public String decode(String text) {
            return WindowKeys.decode(text);
        }
    };

    private WindowKeys() {
    }

    static String encode(String key) {
        return key == null ? "~" : "=" + key;
    }

    static String decode(String text) {
        if (text.equals("~")) {
            return null;
        }
        if (!text.startsWith("=")) {
            throw new IllegalArgumentException("not a window key: " + text);
        }
        return text.substring(1);
    }
}
