package org.hyperiot.streaming.saga.internal.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.saga.internal.machine.SagaData;

/**
 * The JSON plumbing the wire formats share. What a node reads back from the coordinator's topics is
 * input like any other: every reader goes through {@link #member} and friends, which refuse a missing
 * member or a member of the wrong type with a {@link MalformedRecordException} naming it.
 */
final class WireJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Writes JSON straight to a generator, without a tree in between. */
    @FunctionalInterface
    interface Writing {
        void to(JsonGenerator out) throws IOException;
    }

    /**
     * The bytes a {@link Writing} writes; the hot values (log writes, commands, replies) are written this
     * way rather than through a tree.
     *
     * @param what what is written, for the error
     */
    static byte[] write(int expectedSize, String what, Writing writing) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(expectedSize);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not be written as JSON", e);
        }
        return bytes.toByteArray();
    }

    static ObjectNode parseObject(byte[] value, String what) {
        if (value == null) {
            throw new MalformedRecordException(what + " has no value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new MalformedRecordException(what + " is not JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedRecordException(what + " is not a JSON object");
        }
        return object;
    }

    static ObjectNode parseObject(String value, String what) {
        return parseObject(value == null ? null : value.getBytes(StandardCharsets.UTF_8), what);
    }

    static JsonNode member(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException("member '" + name + "' is missing");
        }
        return value;
    }

    static String text(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isTextual()) {
            throw new MalformedRecordException("member '" + name + "' is not a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? null : text(parent, name);
    }

    static int integer(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new MalformedRecordException("member '" + name + "' is not an integer");
        }
        return value.intValue();
    }

    /** An integer member that writers leave out when it is {@code absent}. */
    static int optionalInteger(JsonNode parent, String name, int absent) {
        return parent.has(name) ? integer(parent, name) : absent;
    }

    static long longInteger(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new MalformedRecordException("member '" + name + "' is not an integer");
        }
        return value.longValue();
    }

    static boolean bool(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isBoolean()) {
            throw new MalformedRecordException("member '" + name + "' is not a boolean");
        }
        return value.booleanValue();
    }

    static Instant instant(JsonNode parent, String name) {
        String text = text(parent, name);
        try {
            return parseInstant(text);
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("member '" + name + "' is not an instant: " + text);
        }
    }

    static Instant optionalInstant(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? null : instant(parent, name);
    }

    static <E extends Enum<E>> E constant(JsonNode parent, String name, Class<E> type) {
        String text = text(parent, name);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("member '" + name + "' has no meaning: " + text);
        }
    }

    /** A JSON object member as saga data; a missing or null member gives an empty map. */
    static Map<String, Object> data(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new MalformedRecordException("member '" + name + "' is not an object");
        }
        return SagaData.copyOf((Map<?, ?>) plain(value));
    }

    /**
     * A JSON tree as plain Java values: what {@code MAPPER.convertValue(node, Object.class)} gives
     * (objects as maps, arrays as lists, numbers as the tree holds them), without writing the tree out and
     * reading it back as {@code convertValue} does: saga data is read from every command, reply and restored
     * log value.
     */
    static Object plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(member -> map.put(member.getKey(), plain(member.getValue())));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(plain(element)));
                yield list;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            // Binary and POJO nodes are never parsed from text.
            default -> throw new MalformedRecordException("a value of type " + node.getNodeType() + " is not JSON data");
        };
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The first second of the year 10000: from there on {@link Instant#toString} writes a sign and more digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * The instant as {@link Instant#toString} writes it ({@code 2026-12-06T10:00:00.123Z}: the fraction in
     * groups of three digits, as many as it needs), written directly for the years 1970 to 9999. Every
     * saga log value has several instants, and the formatter behind {@code toString} was a tenth of the
     * coordinator's time writing them.
     */
    static String isoInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        int nano = instant.getNano();
        char[] text = new char[30];
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        if (nano != 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(text, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = digits(text, at, nano / 1_000, 6);
            } else {
                at = digits(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    /**
     * Reads an instant as {@link Instant#parse} does. The form {@link #isoInstant} writes (four-digit
     * years, no fraction or one of 3, 6 or 9 digits, {@code Z}) is read directly: the log view, the
     * participants and a restore read several instants per value, and {@code Instant.parse} took a twentieth
     * of the node's time in the saga benchmark. Anything else, a leap second or {@code 24:00} included,
     * goes to {@code Instant.parse}, so the result and the errors are the same.
     *
     * @throws DateTimeParseException if the text is not an ISO-8601 instant
     */
    static Instant parseInstant(String text) {
        int length = text.length();
        boolean direct = (length == 20 || length == 24 || length == 27 || length == 30)
                && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(length - 1) == 'Z'
                && (length == 20 || text.charAt(19) == '.');
        if (direct) {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int fraction = length == 20 ? 0 : number(text, 20, length - 21);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))
                    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
                    && fraction >= 0) {
                int nano = switch (length) {
                    case 24 -> fraction * 1_000_000;
                    case 27 -> fraction * 1_000;
                    default -> fraction;
                };
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nano);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number of {@code width} digits at {@code at}, or -1 if one of them is not a digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded; gives the next position. */
    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
