package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.example.saga.internal.Effects.json;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaReply;
import org.junit.jupiter.api.Test;

class MailerParticipantTest {

    private final MailerParticipant mailer =
            new MailerParticipant(new OrderEffects("order-effects"), ParticipantClock.SYSTEM);
    private final Map<String, Object> order = Map.of("orderId", "o-17", "amount", 25);

    @Test
    void confirmAnswersTheConfirmationAndRecordsIt() {
        SagaReply reply = mailer.execute(Commands.action("notify", "mailer", "confirm", order));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.output()).isEqualTo(Map.of("confirmationId", "mail-o-17"));
        assertThat(reply.effects()).singleElement().satisfies(effect -> {
            assertThat(effect.key()).isEqualTo("saga-1/notify/execute/confirm");
            assertThat(json(effect.value())).isEqualTo(json("""
                    {"sagaId": "saga-1", "step": "notify", "participant": "mailer", "action": "confirm",
                     "compensation": false, "orderId": "o-17", "amount": 25, "attempt": 1,
                     "confirmationId": "mail-o-17"}"""));
        });
    }

    @Test
    void aMailCannotBeTakenBackSoTheMailerHasNoCompensation() {
        SagaReply reply = mailer.execute(Commands.compensation("notify", "mailer", "confirm", order));

        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.FINAL_FAILURE);
        assertThat(reply.code()).isEqualTo("UNKNOWN_ACTION");
        assertThat(reply.reason()).isEqualTo("participant 'mailer' has no compensation 'confirm'; it knows confirm");
    }
}
