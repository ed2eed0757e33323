package org.hyperiot.streaming.example.saga.internal;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Participant {@value #NAME}: {@code charge} charges an order's amount, with output
 * {@code {"paymentId": "pay-<orderId>"}}; the compensation {@code refund} pays it back.
 */
@Component(service = SagaParticipant.class, configurationPid = EffectsConfiguration.PID,
        property = SagaParticipant.PARTICIPANT_NAME + "=" + PaymentsParticipant.NAME)
public class PaymentsParticipant extends OrderParticipant {

    /** The name saga definitions give as the step's {@code participant}. */
    public static final String NAME = "payments";

    @Activate
    public PaymentsParticipant(EffectsConfiguration configuration) {
        this(new OrderEffects(configuration.effects_topic()), ParticipantClock.SYSTEM);
    }

    PaymentsParticipant(OrderEffects effects, ParticipantClock clock) {
        super(NAME, effects, clock,
                Operation.action("charge", PaymentsParticipant::payment),
                Operation.compensation("refund", PaymentsParticipant::payment));
    }

    private static Map<String, Object> payment(OrderInput order) {
        return Map.of("paymentId", "pay-" + order.orderId());
    }
}
