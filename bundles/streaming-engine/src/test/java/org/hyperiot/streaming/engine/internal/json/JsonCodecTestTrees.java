package org.hyperiot.streaming.engine.internal.json;

import java.util.Random;

/** Random JSON texts for {@link JsonCodecTest}: nested objects and arrays of every kind of value. */
final class JsonCodecTestTrees {

    private static final String[] STRINGS = {"", "d-1", "caf\u00e9", "quote \\\" inside", "line\\nbreak", "\\u00e9",
        "\\ud83d\\ude00", "tab\\t<>&'"};

    private JsonCodecTestTrees() {
    }

    static String json(long seed) {
        StringBuilder json = new StringBuilder();
        value(new Random(seed), json, 0);
        return json.toString();
    }

    private static void value(Random random, StringBuilder json, int depth) {
        switch (random.nextInt(depth >= 4 ? 6 : 8)) {
            case 0 -> json.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
            case 1 -> json.append(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000) - 500);
            case 2 -> json.append(random.nextDouble() * 1000 - 500);
            case 3 -> json.append(random.nextBoolean());
            case 4 -> json.append("null");
            case 5 -> json.append(random.nextInt(100)).append("e").append(random.nextInt(10) - 5);
            case 6 -> {
                json.append('{');
                int fields = random.nextInt(5);
                for (int i = 0; i < fields; i++) {
                    json.append(i == 0 ? "" : ",").append("\"k").append(random.nextInt(4)).append("\":");
                    value(random, json, depth + 1);
                }
                json.append('}');
            }
            default -> {
                json.append('[');
                int elements = random.nextInt(5);
                for (int i = 0; i < elements; i++) {
                    json.append(i == 0 ? "" : ",");
                    value(random, json, depth + 1);
                }
                json.append(']');
            }
        }
    }
}
