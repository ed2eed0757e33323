package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaEffect;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every order participant does alike: unknown actions, invalid input, repeats, deadlines and delays. */
class OrderParticipantTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final Map<String, Object> ORDER = Map.of("orderId", "o-17", "amount", 25);

    private final FakeClock clock = new FakeClock(NOW);
    private final OrderEffects effects = new OrderEffects("order-effects");

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Each participant with the step of the order saga it serves, its action and its compensation (or null). */
    static Stream<Arguments> participants() {
        return Stream.of(
                Arguments.of("inventory", "reserve", "reserve", "release"),
                Arguments.of("payments", "charge", "charge", "refund"),
                Arguments.of("mailer", "notify", "confirm", null),
                Arguments.of("shipping", "ship", "ship", "cancel-shipment"));
    }

    private OrderParticipant participant(String name) {
        return switch (name) {
            case "inventory" -> new InventoryParticipant(effects, clock);
            case "payments" -> new PaymentsParticipant(effects, clock);
            case "mailer" -> new MailerParticipant(effects, clock);
            case "shipping" -> new ShippingParticipant(effects, clock);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("participants")
    void anUnknownActionIsAFinalFailureWithoutEffect(String name, String step, String action, String compensation) {
        SagaReply reply = participant(name).execute(Commands.action(step, name, "teleport", ORDER));

        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.FINAL_FAILURE);
        assertThat(reply.code()).isEqualTo("UNKNOWN_ACTION");
        assertThat(reply.reason()).startsWith("participant '" + name + "' has no action 'teleport'; it knows " + action);
        assertThat(reply.effects()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("participants")
    void anActionIsNotACompensationNorTheOtherWayRound(String name, String step, String action, String compensation) {
        OrderParticipant participant = participant(name);

        assertThat(participant.execute(Commands.compensation(step, name, action, ORDER)).code()).isEqualTo("UNKNOWN_ACTION");
        if (compensation != null) {
            assertThat(participant.execute(Commands.action(step, name, compensation, ORDER)).code())
                    .isEqualTo("UNKNOWN_ACTION");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("participants")
    void aRedeliveredCommandGetsTheSameReplyAndTheSameRecord(String name, String step, String action,
                                                             String compensation) {
        OrderParticipant participant = participant(name);
        SagaCommand command = Commands.action(step, name, action, ORDER);

        SagaReply first = participant.execute(command);
        SagaReply again = participant.execute(command);

        assertThat(first.isSuccess()).isTrue();
        assertThat(again).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("participants")
    void aLaterAttemptGivesTheSameOutputUnderTheSameKey(String name, String step, String action, String compensation) {
        OrderParticipant participant = participant(name);
        SagaCommand command = Commands.action(step, name, action, ORDER);

        SagaReply first = participant.execute(command);
        SagaReply third = participant.execute(Commands.attempt(command, 3));

        assertThat(third.output()).isEqualTo(first.output()).isNotEmpty();
        assertThat(third.effects()).extracting(SagaEffect::key).isEqualTo(first.effects().stream().map(SagaEffect::key).toList());
        assertThat(Effects.json(third.effects().get(0).value()).get("attempt").asInt()).isEqualTo(3);
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of(Map.of("amount", 25), "the saga input needs \"orderId\": a non-empty string"),
                Arguments.of(Map.of("orderId", 17, "amount", 25),
                        "\"orderId\" in the saga input must be a non-empty string, not 17"),
                Arguments.of(Map.of("orderId", " ", "amount", 25),
                        "\"orderId\" in the saga input must be a non-empty string, not \" \""),
                Arguments.of(Map.of("orderId", "o-17"), "the saga input needs \"amount\": a number"),
                Arguments.of(Map.of("orderId", "o-17", "amount", "25"),
                        "\"amount\" in the saga input must be a number, not \"25\""),
                Arguments.of(withNull("amount"), "\"amount\" in the saga input must be a number, not null"),
                Arguments.of(Map.of("orderId", "o-17", "amount", Double.NaN),
                        "\"amount\" in the saga input must be a number, not NaN"),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "fail", true),
                        "\"fail\" in the saga input must be an action or step name, not true"),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "failTimes", List.of("charge")),
                        "\"failTimes\" in the saga input must be an object, not [\"charge\"]"),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "failTimes", Map.of("charge", 1.5)),
                        "\"failTimes.charge\" in the saga input must be a whole number of attempts, 0 or more, not 1.5"),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "failCompensation", Map.of("release", -1)),
                        "\"failCompensation.release\" in the saga input must be a whole number of attempts, 0 or more, not -1"),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("ship", "soon")),
                        "\"delay.ship\" in the saga input must be a duration such as \"2s\" or \"500ms\", at most 30s, not \"soon\""),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("ship", "31s")),
                        "\"delay.ship\" in the saga input must be a duration such as \"2s\" or \"500ms\", at most 30s, not \"31s\""),
                Arguments.of(Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("ship", 2)),
                        "\"delay.ship\" in the saga input must be a duration such as \"2s\" or \"500ms\", at most 30s, not 2"));
    }

    private static Map<String, Object> withNull(String member) {
        Map<String, Object> data = new HashMap<>(ORDER);
        data.put(member, null);
        return data;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidInputs")
    void inputThatIsNotAnOrderIsAFinalFailureWithoutEffect(Map<String, Object> data, String reason) {
        // The first step of the order saga meets it, so the saga ends before anything is applied.
        SagaReply reply = participant("inventory").execute(Commands.action("reserve", "inventory", "reserve", data));

        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.FINAL_FAILURE);
        assertThat(reply.code()).isEqualTo("INVALID_INPUT");
        assertThat(reply.reason()).isEqualTo(reason);
        assertThat(reply.effects()).isEmpty();
    }

    @Test
    void membersItDoesNotKnowAreLeftAlone() {
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25, "customer", Map.of("name", "Ada"),
                "reservationId", "res-o-17");

        assertThat(participant("payments").execute(Commands.action("charge", "payments", "charge", data)).isSuccess())
                .isTrue();
    }

    @Test
    void aCommandThatArrivesAfterItsDeadlineAppliesNothing() {
        SagaCommand command = Commands.withDeadline(Commands.action("reserve", "inventory", "reserve", ORDER),
                NOW.minusMillis(1));

        SagaReply reply = participant("inventory").execute(command);

        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.RETRYABLE_FAILURE);
        assertThat(reply.code()).isEqualTo("TIMEOUT");
        assertThat(reply.effects()).isEmpty();
    }

    @Test
    void aCommandBeforeItsDeadlineIsCarriedOut() {
        SagaCommand command = Commands.withDeadline(Commands.action("reserve", "inventory", "reserve", ORDER), NOW);

        assertThat(participant("inventory").execute(command).isSuccess()).isTrue();
    }

    @Test
    void aDelayedActionWaitsAndThenAnswers() {
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("ship", "2s"));
        SagaCommand command = Commands.withDeadline(Commands.action("ship", "shipping", "ship", data),
                NOW.plusSeconds(10));

        SagaReply reply = participant("shipping").execute(command);

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.effects()).hasSize(1);
    }

    @Test
    void thirtySecondsIsTheLongestDelay() {
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("ship", "30s"));

        assertThat(participant("shipping").execute(Commands.action("ship", "shipping", "ship", data)).isSuccess())
                .isTrue();
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aDelayPastTheDeadlineAppliesNothingSoTheStepTimesOut() {
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("reserve", "15s"));
        SagaCommand command = Commands.withDeadline(Commands.action("reserve", "inventory", "reserve", data),
                NOW.plusSeconds(10));

        SagaReply reply = participant("inventory").execute(command);

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(15));
        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.RETRYABLE_FAILURE);
        assertThat(reply.code()).isEqualTo("TIMEOUT");
        assertThat(reply.effects()).isEmpty();
    }

    @Test
    void aDelayNamesAnActionOrACompensationButAStepNameNeverItsCompensation() {
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25,
                "delay", Map.of("ship", "2s", "notify", "1s", "release", "500ms"));

        participant("shipping").execute(Commands.compensation("ship", "shipping", "cancel-shipment", data));
        participant("mailer").execute(Commands.action("notify", "mailer", "confirm", data));
        participant("inventory").execute(Commands.compensation("reserve", "inventory", "release", data));

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    @Test
    void aParticipantStoppedDuringADelayAppliesNothingAndKeepsTheInterrupt() {
        ParticipantClock interrupted = new ParticipantClock() {
            @Override
            public Instant now() {
                return NOW;
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        Map<String, Object> data = Map.of("orderId", "o-17", "amount", 25, "delay", Map.of("ship", "2s"));

        SagaReply reply = new ShippingParticipant(effects, interrupted)
                .execute(Commands.action("ship", "shipping", "ship", data));

        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.RETRYABLE_FAILURE);
        assertThat(reply.effects()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
