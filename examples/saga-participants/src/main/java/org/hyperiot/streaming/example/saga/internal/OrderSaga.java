package org.hyperiot.streaming.example.saga.internal;

import java.time.Duration;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;

/**
 * The {@code order} saga of the product contract (SPEC section 8), built with the Java builder: reserve
 * the goods, then charge and send the confirmation together, then ship. Equal to the same definition
 * read from its JSON form, so {@code GET /saga-definitions/order} shows that JSON.
 */
public final class OrderSaga {

    /** The definition's name, which {@code POST /sagas} takes as {@code "definition"}. */
    public static final String NAME = "order";

    private OrderSaga() {
    }

    /** The definition; steps without a retry policy of their own get {@link RetryPolicy#DEFAULT}. */
    public static SagaDefinition definition() {
        return SagaDefinition.builder(NAME)
                .timeout(Duration.ofMinutes(5))
                .step(SagaStep.of("reserve", InventoryParticipant.NAME, "reserve")
                        .withCompensation("release")
                        .withTimeout(Duration.ofSeconds(10))
                        .withRetry(RetryPolicy.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(5), 5)))
                .parallel(SagaStep.of("charge", PaymentsParticipant.NAME, "charge").withCompensation("refund"),
                        SagaStep.of("notify", MailerParticipant.NAME, "confirm"))
                .step("ship", ShippingParticipant.NAME, "ship", "cancel-shipment")
                .build();
    }
}
