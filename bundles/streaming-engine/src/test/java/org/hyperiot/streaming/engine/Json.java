package org.hyperiot.streaming.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds JSON object trees in tests: {@code Json.object("a", 1L, "b", "x")}. */
public final class Json {

    private Json() {
    }

    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
