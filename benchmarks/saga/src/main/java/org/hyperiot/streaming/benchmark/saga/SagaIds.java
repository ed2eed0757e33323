package org.hyperiot.streaming.benchmark.saga;

/**
 * Saga ids of the benchmark: {@code <tag>-<n>}, where the tag names the run (letters and digits only)
 * and n numbers the sagas of the run from 0. Everything the exchange writes about a saga is keyed by its
 * id (starts, replies, commands, log) or by a command id that begins with it ({@code <saga id>/…}), so
 * a key tells which run and which saga it belongs to without a lookup.
 */
public final class SagaIds {

    private SagaIds() {
    }

    public static String id(String tag, long index) {
        if (!tag.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a run tag has letters and digits only, not '" + tag + "'");
        }
        return tag + "-" + index;
    }

    /** The run tag of a saga id or command id, or null if the key is not one of the benchmark's. */
    public static String tagOf(String key) {
        String sagaId = sagaIdOf(key);
        int dash = sagaId == null ? -1 : sagaId.lastIndexOf('-');
        return dash <= 0 ? null : sagaId.substring(0, dash);
    }

    /** The saga's number within its run, or -1 if the key is not one of the benchmark's. */
    public static long indexOf(String key) {
        String sagaId = sagaIdOf(key);
        int dash = sagaId == null ? -1 : sagaId.lastIndexOf('-');
        if (dash <= 0 || dash == sagaId.length() - 1) {
            return -1;
        }
        long index = 0;
        for (int i = dash + 1; i < sagaId.length(); i++) {
            char digit = sagaId.charAt(i);
            if (digit < '0' || digit > '9' || index > Long.MAX_VALUE / 10 - 1) {
                return -1;
            }
            index = index * 10 + (digit - '0');
        }
        return index;
    }

    private static String sagaIdOf(String key) {
        if (key == null) {
            return null;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }
}
