package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.example.saga.internal.Effects.json;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaReply;
import org.junit.jupiter.api.Test;

class ShippingParticipantTest {

    private final ShippingParticipant shipping =
            new ShippingParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM);
    private final Map<String, Object> order = Map.of("orderId", "o-17", "amount", 25);

    @Test
    void shipAnswersTheTrackingNumberAndRecordsTheShipment() {
        SagaReply reply = shipping.execute(Commands.action("ship", "shipping", "ship", order));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.output()).isEqualTo(Map.of("trackingNumber", "trk-o-17"));
        assertThat(reply.effects()).singleElement().satisfies(effect -> {
            assertThat(effect.key()).isEqualTo("saga-1/ship/execute/ship");
            assertThat(json(effect.value())).isEqualTo(json("""
                    {"sagaId": "saga-1", "step": "ship", "participant": "shipping", "action": "ship",
                     "compensation": false, "orderId": "o-17", "amount": 25, "attempt": 1,
                     "trackingNumber": "trk-o-17"}"""));
        });
    }

    @Test
    void cancelShipmentRecordsTheShipmentItCalledBack() {
        SagaReply reply = shipping.execute(Commands.compensation("ship", "shipping", "cancel-shipment", order));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.output()).isEmpty();
        assertThat(reply.effects()).singleElement().satisfies(effect -> {
            assertThat(effect.key()).isEqualTo("saga-1/ship/compensate/cancel-shipment");
            assertThat(json(effect.value()).get("action").asText()).isEqualTo("cancel-shipment");
            assertThat(json(effect.value()).get("trackingNumber").asText()).isEqualTo("trk-o-17");
        });
    }
}
