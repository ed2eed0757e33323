package org.hyperiot.streaming.example.saga.internal;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Participant {@value #NAME}: {@code reserve} reserves the goods of an order, with output
 * {@code {"reservationId": "res-<orderId>"}}; the compensation {@code release} gives them back.
 */
@Component(service = SagaParticipant.class, configurationPid = EffectsConfiguration.PID,
        property = SagaParticipant.PARTICIPANT_NAME + "=" + InventoryParticipant.NAME)
public class InventoryParticipant extends OrderParticipant {

    /** The name saga definitions give as the step's {@code participant}. */
    public static final String NAME = "inventory";

    @Activate
    public InventoryParticipant(EffectsConfiguration configuration) {
        this(new OrderEffects(configuration.effects_topic()), ParticipantClock.SYSTEM);
    }

    InventoryParticipant(OrderEffects effects, ParticipantClock clock) {
        super(NAME, effects, clock,
                Operation.action("reserve", InventoryParticipant::reservation),
                Operation.compensation("release", InventoryParticipant::reservation));
    }

    private static Map<String, Object> reservation(OrderInput order) {
        return Map.of("reservationId", "res-" + order.orderId());
    }
}
