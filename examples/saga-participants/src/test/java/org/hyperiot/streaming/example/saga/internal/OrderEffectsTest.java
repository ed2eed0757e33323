package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderEffectsTest {

    @Test
    void aRecordIsKeyedByTheCommandIdAndListsTheCommandTheOrderAndTheFacts() throws Exception {
        OrderInput order = OrderInput.from(Map.of("orderId", "o-17", "amount", 25));

        SagaEffect effect = new OrderEffects("order-effects").record(
                Commands.action("reserve", "inventory", "reserve", Map.of("orderId", "o-17", "amount", 25)),
                "inventory", order, Map.of("reservationId", "res-o-17"));

        assertThat(effect).isEqualTo(new SagaEffect("order-effects", "saga-1/reserve/execute/reserve",
                "{\"sagaId\":\"saga-1\",\"step\":\"reserve\",\"participant\":\"inventory\",\"action\":\"reserve\","
                        + "\"compensation\":false,\"orderId\":\"o-17\",\"amount\":25,\"attempt\":1,"
                        + "\"reservationId\":\"res-o-17\"}"));
    }

    @Test
    void anOrderIdWithQuotesStaysInsideItsString() throws Exception {
        Map<String, Object> data = Map.of("orderId", "o\",\"amount\":0,\"x\":\"", "amount", 25);

        SagaEffect effect = new OrderEffects("order-effects").record(
                Commands.action("reserve", "inventory", "reserve", data), "inventory", OrderInput.from(data), Map.of());

        assertThat(Effects.json(effect.value()).get("orderId").asText()).isEqualTo("o\",\"amount\":0,\"x\":\"");
        assertThat(Effects.json(effect.value()).get("amount").asInt()).isEqualTo(25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-effects", "orders.effects_v2", "A"})
    void anyKafkaTopicNameOfTheUsersIsAccepted(String topic) {
        assertThat(new OrderEffects(topic).topic()).isEqualTo(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "order effects", "effects/../x", "__consumer_offsets",
            "hyperiot-saga-log"})
    void topicsKafkaRefusesOrThatKafkaOrTheCoordinatorOwnAreRefused(String topic) {
        assertThatThrownBy(() -> new OrderEffects(topic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("effects.topic: '" + topic + "'");
    }

    @Test
    void aNameLongerThanKafkaAllowsIsRefused() {
        assertThat(new OrderEffects("t".repeat(249)).topic()).hasSize(249);
        assertThatThrownBy(() -> new OrderEffects("t".repeat(250))).isInstanceOf(IllegalArgumentException.class);
    }
}
