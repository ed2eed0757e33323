package org.hyperiot.streaming.api.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of the JSON-like values held by the model (processor configs, values of
 * {@code set} and of conditions, saga data and outputs), so that a value built in Java equals the same
 * value read from JSON: small integer types become {@link Long}, {@link Float} becomes {@link Double}.
 * Not exported: only the API's own records use it.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    public static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyObject(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        // Strings, booleans, Long, Double, big numbers and null are already immutable. Anything else
        // has no JSON form; it is kept as it is so that validation can point at it.
        return value;
    }

    public static Map<String, Object> copyObject(Map<?, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
        return Collections.unmodifiableMap(copy);
    }
}
