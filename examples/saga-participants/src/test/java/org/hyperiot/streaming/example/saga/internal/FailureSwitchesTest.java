package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaReply.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The switches of the saga input that make actions and compensations fail. They depend on the command's
 * attempt alone, so every node, and every node after a crash, answers an attempt the same way.
 */
class FailureSwitchesTest {

    private final OrderEffects effects = new OrderEffects("order-effects");
    private final InventoryParticipant inventory = new InventoryParticipant(effects, ParticipantClock.SYSTEM);
    private final PaymentsParticipant payments = new PaymentsParticipant(effects, ParticipantClock.SYSTEM);
    private final MailerParticipant mailer = new MailerParticipant(effects, ParticipantClock.SYSTEM);

    private static Map<String, Object> order(String switchName, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "o-17");
        data.put("amount", 25);
        data.put(switchName, value);
        return data;
    }

    /** The outcomes of attempts 1 to {@code attempts} of the command. */
    private static List<Outcome> outcomes(OrderParticipant participant, SagaCommand command, int attempts) {
        return IntStream.rangeClosed(1, attempts)
                .mapToObj(attempt -> participant.execute(Commands.attempt(command, attempt)).outcome()).toList();
    }

    @Test
    void failMakesTheNamedStepFailForGoodOnEveryAttemptWithoutEffect() {
        Map<String, Object> data = order("fail", "charge");

        SagaReply reply = payments.execute(Commands.action("charge", "payments", "charge", data));

        assertThat(reply.outcome()).isEqualTo(Outcome.FINAL_FAILURE);
        assertThat(reply.code()).isEqualTo("REQUESTED_FAILURE");
        assertThat(reply.reason()).isEqualTo("the saga input asks 'charge' to fail (\"fail\")");
        assertThat(reply.effects()).isEmpty();
        // Even after an operator's retry, which goes on counting attempts.
        assertThat(outcomes(payments, Commands.action("charge", "payments", "charge", data), 7))
                .containsOnly(Outcome.FINAL_FAILURE);
    }

    @Test
    void failLeavesTheOtherStepsAndTheStepsCompensationAlone() {
        Map<String, Object> data = order("fail", "charge");

        assertThat(inventory.execute(Commands.action("reserve", "inventory", "reserve", data)).isSuccess()).isTrue();
        assertThat(mailer.execute(Commands.action("notify", "mailer", "confirm", data)).isSuccess()).isTrue();
        assertThat(payments.execute(Commands.compensation("charge", "payments", "refund", data)).isSuccess()).isTrue();
    }

    @Test
    void failNamesAStepByItsNameOrByItsAction() {
        assertThat(mailer.execute(Commands.action("notify", "mailer", "confirm", order("fail", "notify"))).code())
                .isEqualTo("REQUESTED_FAILURE");
        assertThat(mailer.execute(Commands.action("notify", "mailer", "confirm", order("fail", "confirm"))).code())
                .isEqualTo("REQUESTED_FAILURE");
    }

    @Test
    void failTimesMakesTheFirstAttemptsFailRetryablyAndTheNextOneSucceed() {
        SagaCommand charge = Commands.action("charge", "payments", "charge", order("failTimes", Map.of("charge", 2)));

        assertThat(outcomes(payments, charge, 4))
                .containsExactly(Outcome.RETRYABLE_FAILURE, Outcome.RETRYABLE_FAILURE, Outcome.SUCCESS, Outcome.SUCCESS);
        SagaReply first = payments.execute(charge);
        assertThat(first.code()).isEqualTo("REQUESTED_RETRYABLE_FAILURE");
        assertThat(first.reason()).isEqualTo("attempt 1 of 'charge' fails as the saga input asks (\"failTimes\": 2 attempts)");
        assertThat(first.effects()).isEmpty();
        SagaReply third = payments.execute(Commands.attempt(charge, 3));
        assertThat(third.output()).isEqualTo(Map.of("paymentId", "pay-o-17"));
        assertThat(third.effects()).singleElement()
                .satisfies(effect -> assertThat(Effects.json(effect.value()).get("attempt").asInt()).isEqualTo(3));
    }

    @Test
    void failTimesNamesAStepByItsNameOrByItsActionButNeverACompensation() {
        SagaCommand confirm = Commands.action("notify", "mailer", "confirm", order("failTimes", Map.of("notify", 1)));
        SagaCommand release = Commands.compensation("reserve", "inventory", "release",
                order("failTimes", Map.of("release", 3, "reserve", 3)));

        assertThat(outcomes(mailer, confirm, 2)).containsExactly(Outcome.RETRYABLE_FAILURE, Outcome.SUCCESS);
        assertThat(outcomes(inventory, release, 1)).containsExactly(Outcome.SUCCESS);
    }

    @Test
    void failCompensationMakesTheFirstAttemptsOfTheCompensationFailAndTheNextOneSucceed() {
        Map<String, Object> data = order("failCompensation", Map.of("release", 3));
        SagaCommand release = Commands.compensation("reserve", "inventory", "release", data);

        assertThat(outcomes(inventory, release, 4)).containsExactly(Outcome.RETRYABLE_FAILURE,
                Outcome.RETRYABLE_FAILURE, Outcome.RETRYABLE_FAILURE, Outcome.SUCCESS);
        assertThat(inventory.execute(release).reason())
                .isEqualTo("attempt 1 of 'release' fails as the saga input asks (\"failCompensation\": 3 attempts)");
        assertThat(inventory.execute(release).effects()).isEmpty();
        // The action itself is not affected.
        assertThat(inventory.execute(Commands.action("reserve", "inventory", "reserve", data)).isSuccess()).isTrue();
    }

    @Test
    void aCompensationThatFailedForGoodSucceedsWhenAnOperatorRetriesItPastItsFailingAttempts() {
        // reserve allows 5 attempts: with 5 failing ones the saga ends FAILED_TO_COMPENSATE; an operator's
        // retry sends attempt 6, which succeeds.
        SagaCommand release = Commands.compensation("reserve", "inventory", "release",
                order("failCompensation", Map.of("release", 5)));

        assertThat(outcomes(inventory, release, 5)).containsOnly(Outcome.RETRYABLE_FAILURE);
        assertThat(inventory.execute(Commands.attempt(release, 6)).isSuccess()).isTrue();
    }

    @Test
    void failCompensationNamesTheCompensationActionNotTheStep() {
        SagaCommand release = Commands.compensation("reserve", "inventory", "release",
                order("failCompensation", Map.of("reserve", 3)));

        assertThat(inventory.execute(release).isSuccess()).isTrue();
    }

    @Test
    void zeroFailingAttemptsChangeNothing() {
        assertThat(payments.execute(Commands.action("charge", "payments", "charge",
                order("failTimes", Map.of("charge", 0)))).isSuccess()).isTrue();
    }
}
