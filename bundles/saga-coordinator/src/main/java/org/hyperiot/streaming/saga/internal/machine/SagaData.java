package org.hyperiot.streaming.saga.internal.machine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saga's data: a JSON-like map of plain Java values (maps with string keys, lists, strings, numbers,
 * booleans and {@code null}), held as a deep unmodifiable copy with integers as {@link Long} and
 * floating-point numbers as {@link Double}, the way they come back from JSON.
 */
public final class SagaData {

    private SagaData() {
    }

    /**
     * A deep, unmodifiable copy of a saga's input; {@code null} gives an empty map.
     *
     * @throws IllegalArgumentException if a value has no JSON form; the message gives its JSON pointer
     */
    public static Map<String, Object> copyOf(Map<?, ?> input) {
        return input == null ? Map.of() : copyObject(input, "");
    }

    /**
     * The data with a step's output merged in: each top-level member of the output replaces the member
     * of the same name, the others are kept. Both maps must already be saga data.
     */
    public static Map<String, Object> merge(Map<String, Object> data, Map<String, Object> output) {
        if (output.isEmpty()) {
            return data;
        }
        Map<String, Object> merged = new LinkedHashMap<>(data);
        merged.putAll(output);
        return Collections.unmodifiableMap(merged);
    }

    private static Map<String, Object> copyObject(Map<?, ?> map, String pointer) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            copy.put(name, copy(value, pointer + "/" + name.replace("~", "~0").replace("/", "~1")));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copy(Object value, String pointer) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("the value at " + (pointer.isEmpty() ? "(root)" : pointer)
                        + " is " + number + ", which has no JSON form");
            }
            return number;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Map<?, ?> map) {
            return copyObject(map, pointer);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), pointer + "/" + i));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("the value at " + (pointer.isEmpty() ? "(root)" : pointer) + " is a "
                + value.getClass().getName() + ", which has no JSON form");
    }
}
