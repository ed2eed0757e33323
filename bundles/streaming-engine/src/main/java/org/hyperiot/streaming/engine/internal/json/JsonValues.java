package org.hyperiot.streaming.engine.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Comparison of JSON-like values as users expect them: numbers by value whatever their Java type
 * ({@code 1 == 1.0}), objects and arrays member by member.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** True for the integral types the JSON reader and the API produce. */
    public static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** Orders two numbers by value. */
    public static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (isBig(a) || isBig(b)) {
            BigDecimal x = toBigDecimal(a);
            BigDecimal y = toBigDecimal(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    private static boolean isBig(Number n) {
        return n instanceof BigDecimal || n instanceof BigInteger;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? new BigDecimal(d) : null;
    }

    /** Equality with numbers compared by value, recursively through objects and arrays. */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                Object other = y.get(entry.getKey());
                if ((other == null && !y.containsKey(entry.getKey())) || !equal(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return a != null && a.equals(b);
    }

    /**
     * Orders two values for {@code gt}/{@code lt} comparisons: numbers by value, strings
     * lexicographically. Returns {@code null} when they are not comparable with each other.
     */
    public static Integer order(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double d && d.isNaN() || y instanceof Double e && e.isNaN()) {
                return null;
            }
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return null;
    }

    /**
     * The string form of a value used as a record key: strings as they are, numbers and booleans in
     * their JSON spelling, objects and arrays as compact JSON, {@code null} for JSON null.
     */
    public static String asKey(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return new String(JsonCodec.write(value), StandardCharsets.UTF_8);
    }
}
