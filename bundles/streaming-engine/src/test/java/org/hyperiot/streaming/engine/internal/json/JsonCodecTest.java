package org.hyperiot.streaming.engine.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link JsonCodec} reads from the parser's tokens and writes through the generator; Jackson's data
 * binding, configured as the codec used it before (longs for integers, nothing after the value), is the
 * oracle: the same trees with the same types, a refusal wherever it refuses, and the same bytes written.
 */
class JsonCodecTest {

    private static final ObjectMapper BINDING = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"deviceId\":\"d-7\",\"temp\":21.5,\"seq\":42,\"ok\":true,\"note\":null}",
        "{\"a\":{\"b\":[1,2.0,\"x\",false,null,{\"c\":[]}]},\"d\":{}}",
        "[]", "[[[]]]", "\"text\"", "17", "-0", "1.5e3", "-2.5E-3", "1e400", "true", "null",
        " \n {\"spaced\" : [ 1 , 2 ] } \t ",
        "{\"twice\":1,\"twice\":\"last\"}",
        "{\"unicode\":\"\\u00e9t\\u00e9 \\ud83d\\ude00 caf\u00e9\",\"escaped\":\"a\\\"b\\\\c\\n\"}",
        "{\"big\":9223372036854775807,\"small\":-9223372036854775808,\"int\":2147483648}",
        "{\"fraction\":0.1,\"exponent\":12E2,\"negative\":-0.0}"
    })
    void readsWhatDataBindingReads(String json) throws IOException {
        assertReadsAsBinding(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "{\"a\":1", "[1,2", "{\"a\":1} {\"again\":1}", "1 2", "{\"a\":}", "{a:1}",
        "{\"a\":1,}", "[1,]", "'single'", "tru", "NaN", "01", "{\"a\":9223372036854775808}",
        "{\"a\":123456789012345678901234567890}", "\"unterminated", "}"
    })
    void refusesWhatDataBindingRefuses(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BINDING.readValue(bytes, Object.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonCodec.read(bytes)).isInstanceOf(IOException.class);
    }

    @Test
    void generatedTextsReadAsDataBindingReadsThem() throws IOException {
        Random random = new Random(20261207L);
        for (int i = 0; i < 2_000; i++) {
            assertReadsAsBinding(JsonCodecTestTrees.json(random.nextLong()));
        }
    }

    @Test
    void generatedTreesAreWrittenAsDataBindingWritesThem() throws IOException {
        Random random = new Random(5L);
        for (int i = 0; i < 2_000; i++) {
            Object tree = JsonCodec.read(JsonCodecTestTrees.json(random.nextLong()).getBytes(StandardCharsets.UTF_8));
            assertWritesAsBinding(tree);
            assertThat(JsonCodec.read(JsonCodec.write(tree))).isEqualTo(tree);
        }
    }

    @Test
    void whatProcessorsPutInRecordsIsWrittenAsDataBindingWritesIt() throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("int", 7);
        record.put("float", 1.25f);
        record.put("short", (short) 3);
        record.put("decimal", new BigDecimal("12.500"));
        record.put("huge", new BigInteger("123456789012345678901234567890"));
        record.put("nan", Double.NaN);
        record.put("infinite", Double.NEGATIVE_INFINITY);
        record.put("set", Set.of("only"));
        record.put("array", new int[] {1, 2});
        record.put("numberKeys", new TreeMap<>(Map.of(2, "two", 1, "one")));
        record.put("sorted", new TreeMap<>(Map.of("b", 2L, "a", 1L)));
        record.put("nested", new ArrayList<>(Arrays.asList(null, List.of(Map.of("k", true)))));
        record.put("bean", new Reading("d-1", 20.5));
        assertWritesAsBinding(record);
        Map<Object, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> BINDING.writeValueAsBytes(nullKey)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonCodec.write(nullKey)).isInstanceOf(IllegalArgumentException.class);
        // Without jackson-datatype-jsr310 data binding refuses java.time; so does the codec, as before.
        assertThatThrownBy(() -> JsonCodec.write(Map.of("at", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value cannot be written as JSON");
    }

    /** A processor's own type, written by data binding as a bean. */
    public record Reading(String device, double temp) {
    }

    private static void assertReadsAsBinding(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Object expected = BINDING.readValue(bytes, Object.class);
        Object actual = JsonCodec.read(bytes);
        assertThat(actual).as(json).isEqualTo(expected);
        assertThat(types(actual)).as(json).isEqualTo(types(expected));
    }

    private static void assertWritesAsBinding(Object tree) throws IOException {
        assertThat(new String(JsonCodec.write(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(BINDING.writeValueAsBytes(tree), StandardCharsets.UTF_8));
    }

    /** The classes of a tree's nodes in document order, so that 1 and 1.0 or a Long and an Integer differ. */
    private static List<String> types(Object tree) {
        List<String> types = new ArrayList<>();
        collect(tree, types);
        return types;
    }

    private static void collect(Object node, List<String> types) {
        types.add(node == null ? "null" : node.getClass().getName());
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                types.add("key " + key);
                collect(value, types);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collect(element, types));
        }
    }
}
