package org.hyperiot.streaming.example.saga.internal;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Participant {@value #NAME}: {@code confirm} sends the order confirmation, with output
 * {@code {"confirmationId": "mail-<orderId>"}}. A mail once sent cannot be taken back, so it has no
 * compensation, and the {@code order} saga's {@code notify} step needs none.
 */
@Component(service = SagaParticipant.class, configurationPid = EffectsConfiguration.PID,
        property = SagaParticipant.PARTICIPANT_NAME + "=" + MailerParticipant.NAME)
public class MailerParticipant extends OrderParticipant {

    /** The name saga definitions give as the step's {@code participant}. */
    public static final String NAME = "mailer";

    @Activate
    public MailerParticipant(EffectsConfiguration configuration) {
        this(new OrderEffects(configuration.effects_topic()), ParticipantClock.SYSTEM);
    }

    MailerParticipant(OrderEffects effects, ParticipantClock clock) {
        super(NAME, effects, clock,
                Operation.action("confirm", order -> Map.of("confirmationId", "mail-" + order.orderId())));
    }
}
