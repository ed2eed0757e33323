package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.example.saga.internal.Effects.json;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaEffect;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.junit.jupiter.api.Test;

class InventoryParticipantTest {

    private final InventoryParticipant inventory =
            new InventoryParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM);
    private final Map<String, Object> order = Map.of("orderId", "o-17", "amount", 25);

    @Test
    void reserveAnswersTheReservationAndRecordsItKeyedByTheCommandId() {
        SagaReply reply = inventory.execute(Commands.action("reserve", "inventory", "reserve", order));

        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.SUCCESS);
        assertThat(reply.output()).isEqualTo(Map.of("reservationId", "res-o-17"));
        assertThat(reply.effects()).singleElement().satisfies(effect -> {
            assertThat(effect.topic()).isEqualTo("order-effects");
            assertThat(effect.key()).isEqualTo("saga-1/reserve/execute/reserve");
            assertThat(json(effect.value())).isEqualTo(json("""
                    {"sagaId": "saga-1", "step": "reserve", "participant": "inventory", "action": "reserve",
                     "compensation": false, "orderId": "o-17", "amount": 25, "attempt": 1,
                     "reservationId": "res-o-17"}"""));
        });
    }

    @Test
    void releaseAddsNothingToTheSagaDataAndRecordsWhichReservationItReleased() {
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25, "reservationId", "res-o-17");

        SagaReply reply = inventory.execute(Commands.compensation("reserve", "inventory", "release", data));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.output()).isEmpty();
        assertThat(reply.effects()).extracting(SagaEffect::key).containsExactly("saga-1/reserve/compensate/release");
        assertThat(json(reply.effects().get(0).value())).isEqualTo(json("""
                {"sagaId": "saga-1", "step": "reserve", "participant": "inventory", "action": "release",
                 "compensation": true, "orderId": "o-17", "amount": 25, "attempt": 1,
                 "reservationId": "res-o-17"}"""));
    }
}
