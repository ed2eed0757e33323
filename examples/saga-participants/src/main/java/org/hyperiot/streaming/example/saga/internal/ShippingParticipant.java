package org.hyperiot.streaming.example.saga.internal;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Participant {@value #NAME}: {@code ship} ships an order, with output
 * {@code {"trackingNumber": "trk-<orderId>"}}; the compensation {@code cancel-shipment} calls it back.
 */
@Component(service = SagaParticipant.class, configurationPid = EffectsConfiguration.PID,
        property = SagaParticipant.PARTICIPANT_NAME + "=" + ShippingParticipant.NAME)
public class ShippingParticipant extends OrderParticipant {

    /** The name saga definitions give as the step's {@code participant}. */
    public static final String NAME = "shipping";

    @Activate
    public ShippingParticipant(EffectsConfiguration configuration) {
        this(new OrderEffects(configuration.effects_topic()), ParticipantClock.SYSTEM);
    }

    ShippingParticipant(OrderEffects effects, ParticipantClock clock) {
        super(NAME, effects, clock,
                Operation.action("ship", ShippingParticipant::shipment),
                Operation.compensation("cancel-shipment", ShippingParticipant::shipment));
    }

    private static Map<String, Object> shipment(OrderInput order) {
        return Map.of("trackingNumber", "trk-" + order.orderId());
    }
}
