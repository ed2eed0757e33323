package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.junit.jupiter.api.Test;

/** The registered definition is the {@code order} saga of SPEC section 8, member for member. */
class OrderSagaTest {

    private final SagaDefinition definition = OrderSaga.definition();

    @Test
    void itIsTheOrderSagaWithAFiveMinuteDeadline() {
        assertThat(definition.name()).isEqualTo("order");
        assertThat(definition.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void reserveRunsFirstWithItsOwnTimeoutAndRetryPolicy() {
        assertThat(definition.stages().get(0)).isEqualTo(new SagaStep("reserve", "inventory", "reserve", "release",
                Duration.ofSeconds(10),
                new RetryPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 5, Set.of())));
    }

    @Test
    void chargeAndNotifyRunTogetherWithTheDefaultRetryAndNoTimeoutOfTheirOwn() {
        assertThat(definition.stages().get(1)).isEqualTo(new ParallelGroup(List.of(
                new SagaStep("charge", "payments", "charge", "refund", null, RetryPolicy.DEFAULT),
                new SagaStep("notify", "mailer", "confirm", null, null, RetryPolicy.DEFAULT))));
    }

    @Test
    void shipRunsLast() {
        assertThat(definition.stages().get(2))
                .isEqualTo(new SagaStep("ship", "shipping", "ship", "cancel-shipment", null, RetryPolicy.DEFAULT));
        assertThat(definition.stages()).hasSize(3);
    }

    @Test
    void everyParticipantOfTheDefinitionIsOneOfThisBundleAndKnowsItsActions() {
        List<OrderParticipant> participants = List.of(
                new InventoryParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM),
                new PaymentsParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM),
                new MailerParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM),
                new ShippingParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM));
        Map<String, Object> order = Map.of("orderId", "o-1", "amount", 10);
        for (SagaStep step : definition.steps()) {
            OrderParticipant participant = participants.stream()
                    .filter(candidate -> candidate.name().equals(step.participant())).findFirst().orElseThrow();
            assertThat(participant.execute(Commands.action(step.name(), step.participant(), step.action(), order))
                    .isSuccess()).as(step.name()).isTrue();
            if (step.hasCompensation()) {
                assertThat(participant.execute(
                        Commands.compensation(step.name(), step.participant(), step.compensation(), order))
                        .isSuccess()).as(step.name() + " compensation").isTrue();
            }
        }
    }
}
