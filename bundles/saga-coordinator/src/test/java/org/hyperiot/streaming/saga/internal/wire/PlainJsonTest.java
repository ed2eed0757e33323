package org.hyperiot.streaming.saga.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.saga.internal.machine.SagaData;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    private static final List<String> DOCUMENTS = List.of(
            "{}",
            "{\"a\":1,\"b\":-2147483649,\"c\":9223372036854775808,\"d\":1.5,\"e\":-0.0,\"f\":1e300,\"g\":12345678901234567890123}",
            "{\"s\":\"caf\\u00e9 \\\"quoted\\\" \\ud83d\\ude00\",\"t\":true,\"u\":false,\"n\":null}",
            "{\"list\":[1,\"two\",3.0,null,[],{},[[{\"deep\":[true]}]]],\"order\":{\"z\":1,\"a\":2,\"m\":3}}",
            "{\"amount\":25,\"orderId\":\"o-1\",\"items\":[{\"sku\":\"x\",\"qty\":2}],\"note\":\"\"}");

    @Test
    void savesTheSameDataAsJacksonsConversion() throws Exception {
        for (String document : DOCUMENTS) {
            JsonNode tree = WireJson.MAPPER.readTree(document);
            Map<?, ?> converted = WireJson.MAPPER.convertValue(tree, Map.class);

            Object plain = WireJson.plain(tree);

            assertThat(plain).as(document).isEqualTo(converted);
            assertThat(SagaData.copyOf((Map<?, ?>) plain)).as(document).isEqualTo(SagaData.copyOf(converted));
            // Same member order: saga data is shown as it was given.
            assertThat(List.copyOf(((Map<?, ?>) plain).keySet())).as(document).isEqualTo(List.copyOf(converted.keySet()));
        }
    }
}
