package org.hyperiot.streaming.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated request bodies for the JSON routes, from one seed so that a failure can be replayed:
 * random JSON documents of every shape (nesting up to past the API's depth limit, numbers and
 * strings up to past their length limits, duplicate members, odd Unicode), and mutations of valid
 * stream, topic and ACL bodies (a member replaced by a random value, bytes flipped, the text cut
 * short, padding up to the 1 MiB body limit). Each body is at most {@link #MAX_BODY} bytes.
 */
final class JsonFuzzCorpus {

    static final int MAX_BODY = 1024 * 1024;

    /** One generated request. */
    record Case(String route, String label, byte[] body) {
    }

    private final Random random;
    private final String input;
    private final String output;

    JsonFuzzCorpus(long seed, String input, String output) {
        this.random = new Random(seed);
        this.input = input;
        this.output = output;
    }

    List<Case> cases(int count) {
        List<String> routes = List.of("/streams", "/streams/validate", "/kafka/topics", "/kafka/acls");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String route = routes.get(i % routes.size());
            int kind = random.nextInt(8);
            String label = route + " #" + i;
            byte[] body = switch (kind) {
                case 0 -> utf8(randomValue(0, 1 + random.nextInt(90)));
                case 1 -> utf8(mutate(valid(route)));
                case 2 -> utf8(nested(route));
                case 3 -> utf8(longLiteral(route));
                case 4 -> flipBytes(utf8(valid(route)));
                case 5 -> truncated(utf8(valid(route)));
                case 6 -> utf8(duplicateMember(valid(route)));
                default -> utf8(padded(valid(route)));
            };
            cases.add(new Case(route, label + " (kind " + kind + ", " + body.length + " bytes)",
                    body.length > MAX_BODY ? java.util.Arrays.copyOf(body, MAX_BODY) : body));
        }
        return cases;
    }

    private String valid(String route) {
        String name = "fuzz-" + Integer.toHexString(random.nextInt());
        return switch (route) {
            case "/kafka/topics" -> "{\"name\":\"" + name + "\",\"partitions\":1,\"configs\":{\"cleanup.policy\":\"delete\"}}";
            case "/kafka/acls" -> "{\"resourceType\":\"TOPIC\",\"resourceName\":\"" + name
                    + "\",\"principal\":\"User:fuzz\",\"operation\":\"READ\"}";
            default -> "{\"name\":\"" + name + "\",\"source\":{\"topics\":[\"" + input + "\"]},\"pipeline\":["
                    + "{\"op\":\"set\",\"field\":\"f\",\"value\":{\"a\":[1,2.5,\"x\",null,true]}},"
                    + "{\"op\":\"filter\",\"where\":{\"field\":\"temp\",\"gt\":25}}],\"sink\":{\"topic\":\"" + output + "\"}}";
        };
    }

    /** A random JSON value; past depth {@code maxDepth} only scalars. */
    private String randomValue(int depth, int maxDepth) {
        int pick = depth >= maxDepth ? 3 + random.nextInt(5) : random.nextInt(8);
        switch (pick) {
            case 0: {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(4);
                for (int i = 0; i < members; i++) {
                    object.append(i == 0 ? "" : ",").append(quoted(randomText(8))).append(':')
                            .append(randomValue(depth + 1, maxDepth));
                }
                return object.append('}').toString();
            }
            case 1:
            case 2: {
                StringBuilder array = new StringBuilder("[");
                int elements = random.nextInt(4);
                for (int i = 0; i < elements; i++) {
                    array.append(i == 0 ? "" : ",").append(randomValue(depth + 1, maxDepth));
                }
                return array.append(']').toString();
            }
            case 3:
                return Long.toString(random.nextLong());
            case 4:
                return random.nextBoolean() ? "1e" + random.nextInt(1000) : "-0." + "9".repeat(1 + random.nextInt(50));
            case 5:
                return quoted(randomText(1 + random.nextInt(40)));
            case 6:
                return random.nextBoolean() ? "true" : "null";
            default:
                return "\"" + "\\ud83d\\ude00\\u0000\\\\\\\"" + "\"";
        }
    }

    /** A valid body with one member's value replaced by a random value. */
    private String mutate(String valid) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < valid.length(); i++) {
            if (valid.charAt(i) == ':') {
                colons.add(i);
            }
        }
        int at = colons.get(random.nextInt(colons.size()));
        int end = at + 1;
        int depth = 0;
        boolean inString = false;
        for (; end < valid.length(); end++) {
            char c = valid.charAt(end);
            if (inString) {
                if (c == '\\') {
                    end++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return valid.substring(0, at + 1) + randomValue(0, 1 + random.nextInt(80)) + valid.substring(end);
    }

    /** Arrays or objects nested around the limit (64) or far past it, inside a member of a valid body. */
    private String nested(String route) {
        int depth = random.nextBoolean() ? 55 + random.nextInt(20) : 1_000 + random.nextInt(60_000);
        boolean arrays = random.nextBoolean();
        String deep = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String valid = valid(route);
        return valid.substring(0, valid.length() - 1) + ",\"deep\":" + deep + "}";
    }

    /** A number or string literal around or far past its limit, as the value of a real member. */
    private String longLiteral(String route) {
        int length = random.nextBoolean() ? 990 + random.nextInt(20) : 10_000 + random.nextInt(900_000);
        String literal = switch (random.nextInt(3)) {
            case 0 -> "9".repeat(length);
            case 1 -> "0." + "1".repeat(length) + "e-" + random.nextInt(400);
            default -> quoted("s".repeat(Math.min(length * 2, MAX_BODY - 1000)));
        };
        String member = switch (route) {
            case "/kafka/topics" -> "partitions";
            case "/kafka/acls" -> "resourceName";
            default -> "parallelism";
        };
        return "{\"" + member + "\":" + literal + "," + valid(route).substring(1);
    }

    private byte[] flipBytes(byte[] body) {
        byte[] copy = body.clone();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private byte[] truncated(byte[] body) {
        return java.util.Arrays.copyOf(body, random.nextInt(body.length));
    }

    private String duplicateMember(String valid) {
        int colon = valid.indexOf(':');
        String firstName = valid.substring(1, colon);
        return "{" + firstName + ":\"__consumer_offsets\"," + valid.substring(1);
    }

    /** The valid body padded with a description or whitespace up to the body limit. */
    private String padded(String valid) {
        int room = MAX_BODY - valid.length() - 64 - random.nextInt(4096);
        return random.nextBoolean()
                ? valid.substring(0, valid.length() - 1) + ",\"description\":" + quoted("d".repeat(room)) + "}"
                : valid + " ".repeat(room);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(10) == 0 ? 0x80 + random.nextInt(0x2000) : 0x20 + random.nextInt(0x5f);
            text.append((char) c);
        }
        return text.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
