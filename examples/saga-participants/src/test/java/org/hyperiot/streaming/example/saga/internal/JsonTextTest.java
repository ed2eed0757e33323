package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void writesCompactJsonInTheMapsOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "text");
        value.put("n", 25L);
        value.put("d", 25.5);
        value.put("b", true);
        value.put("none", null);
        value.put("list", List.of(1L, "two"));
        value.put("object", Map.of("k", "v"));

        assertThat(JsonText.write(value))
                .isEqualTo("{\"s\":\"text\",\"n\":25,\"d\":25.5,\"b\":true,\"none\":null,\"list\":[1,\"two\"],\"object\":{\"k\":\"v\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quote \" and backslash \\", "new\nline\r\ttab", "bell \u0007 nul \u0000 escape \u001b",
            "line separator \u2028 paragraph \u2029", "accents àé, CJK 注文, emoji 🚚", "</script>", "\\u0041"})
    void anyStringReadsBackAsItself(String text) {
        String json = JsonText.write(Map.of("orderId", text));

        assertThat(Effects.json(json).get("orderId").asText()).isEqualTo(text);
        assertThat(json.chars()).noneMatch(c -> c < 0x20);
    }

    @Test
    void aLoneSurrogateIsEscapedSoThatTheTextStaysValidUtf8() {
        String text = "broken \uD83D end";

        String json = JsonText.write(text);

        assertThat(json).isEqualTo("\"broken \\ud83d end\"");
        assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void numbersKeepTheirValue() {
        for (Number number : Arrays.<Number>asList(0L, -3L, Long.MAX_VALUE, 0.1, 1e21, -2.5e-7,
                new BigDecimal("19.99"), new BigDecimal("1E+3"), new BigInteger("123456789012345678901234567890"))) {
            assertThat(Effects.json(JsonText.write(number)).decimalValue())
                    .as(number.toString()).isEqualByComparingTo(new BigDecimal(number.toString()));
        }
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThatThrownBy(() -> JsonText.write(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
