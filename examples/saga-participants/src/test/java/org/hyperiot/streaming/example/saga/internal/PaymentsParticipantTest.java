package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.example.saga.internal.Effects.json;

import java.math.BigDecimal;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaReply;
import org.junit.jupiter.api.Test;

class PaymentsParticipantTest {

    private final PaymentsParticipant payments =
            new PaymentsParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM);

    @Test
    void chargeAnswersThePaymentAndRecordsTheAmountCharged() {
        SagaReply reply = payments.execute(Commands.action("charge", "payments", "charge",
                Map.of("orderId", "o-17", "amount", 25.5, "reservationId", "res-o-17")));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.output()).isEqualTo(Map.of("paymentId", "pay-o-17"));
        assertThat(reply.effects()).singleElement().satisfies(effect -> {
            assertThat(effect.key()).isEqualTo("saga-1/charge/execute/charge");
            assertThat(json(effect.value())).isEqualTo(json("""
                    {"sagaId": "saga-1", "step": "charge", "participant": "payments", "action": "charge",
                     "compensation": false, "orderId": "o-17", "amount": 25.5, "attempt": 1,
                     "paymentId": "pay-o-17"}"""));
        });
    }

    @Test
    void refundRecordsThePaymentItPaysBack() {
        SagaReply reply = payments.execute(Commands.compensation("charge", "payments", "refund",
                Map.of("orderId", "o-17", "amount", new BigDecimal("19.99"), "paymentId", "pay-o-17")));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.output()).isEmpty();
        assertThat(reply.effects()).singleElement().satisfies(effect -> {
            assertThat(effect.key()).isEqualTo("saga-1/charge/compensate/refund");
            assertThat(effect.value()).contains("\"amount\":19.99");
            assertThat(json(effect.value()).get("action").asText()).isEqualTo("refund");
            assertThat(json(effect.value()).get("compensation").asBoolean()).isTrue();
            assertThat(json(effect.value()).get("paymentId").asText()).isEqualTo("pay-o-17");
        });
    }
}
