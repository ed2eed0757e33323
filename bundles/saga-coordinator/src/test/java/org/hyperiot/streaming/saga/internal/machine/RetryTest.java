package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.ATTEMPT_FAILED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMMAND_SENT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.RETRY_SCHEDULED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static SagaDefinition single(RetryPolicy retry) {
        return SagaDefinition.builder("single")
                .timeout(Duration.ofHours(1))
                .step(SagaStep.of("pay", "payments", "charge").withCompensation("refund").withRetry(retry))
                .build();
    }

    @Test
    void waitsGrowByTheMultiplierUpToTheMaximumAndTheStepFailsAfterMaxAttempts() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(1), 6);
        SagaHarness h = SagaHarness.start(single(policy));

        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            h.advance(Duration.ofMillis(7));
            Instant failedAt = h.clock.instant();
            h.failRetryably("pay");
            assertThat(h.stepState("pay")).isEqualTo(SagaStepState.WAITING_TO_RETRY);
            String timer = "retry:pay:" + (attempt + 1);
            waits.add(Duration.between(failedAt, h.timerDue(timer)).toMillis());
            h.fireNextTimer();
            assertThat(h.clock.instant()).isEqualTo(failedAt.plus(Duration.ofMillis(waits.get(attempt - 1))));
            assertThat(h.latestCommand("pay").attempt()).isEqualTo(attempt + 1);
        }
        assertThat(waits).containsExactly(200L, 400L, 800L, 1000L, 1000L);

        h.failRetryably("pay");
        assertThat(h.stepState("pay")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.saga.progress("pay").lastError()).isEqualTo("gave up after 6 attempts; the last one: BUSY: try later");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.commandsFor("pay")).noneMatch(SagaCommand::compensation);
    }

    @Test
    void everyAttemptOfAnActionCarriesTheSameCommandId() {
        SagaHarness h = SagaHarness.start(single(Sagas.EXAMPLE_RETRY));
        h.failRetryably("pay");
        h.fireNextTimer();
        h.reply("pay", SagaReply.retryableFailure("no code"));
        h.fireNextTimer();

        assertThat(h.commandsFor("pay")).extracting(SagaCommand::attempt).containsExactly(1, 2, 3);
        assertThat(h.commandsFor("pay")).extracting(SagaCommand::commandId).containsOnly("saga-1/pay/execute/charge");
    }

    @Test
    void aRetryIsRecordedInTheHistoryWithItsDueTime() {
        SagaHarness h = SagaHarness.start(single(Sagas.EXAMPLE_RETRY));
        h.failRetryably("pay");

        List<SagaHistoryEntry> entries = h.last.saga().history();
        SagaHistoryEntry failed = entries.get(entries.size() - 2);
        SagaHistoryEntry scheduled = entries.get(entries.size() - 1);
        assertThat(failed.kind()).isEqualTo(ATTEMPT_FAILED);
        assertThat(failed.detail()).isEqualTo("BUSY: try later");
        assertThat(scheduled.kind()).isEqualTo(RETRY_SCHEDULED);
        assertThat(scheduled.attempt()).isEqualTo(2);
        assertThat(scheduled.detail()).isEqualTo("after 200ms, at " + SagaHarness.T0.plusMillis(200));

        h.fireNextTimer();
        assertThat(h.saga.history().get(h.saga.history().size() - 1).kind()).isEqualTo(COMMAND_SENT);
    }

    @Test
    void aFinalFailureIsNeverRetried() {
        SagaHarness h = SagaHarness.start(single(Sagas.EXAMPLE_RETRY));
        h.reply("pay", SagaReply.finalFailure("CARD_DECLINED", "declined"));

        assertThat(h.stepState("pay")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.commandsFor("pay")).hasSize(1);
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.saga.error()).isEqualTo("step 'pay' failed: CARD_DECLINED: declined");
    }

    @Test
    void aRetryableFailureWithANonRetryableCodeIsNotRetried() {
        SagaHarness h = SagaHarness.start(single(Sagas.EXAMPLE_RETRY.withNonRetryableCodes("CARD_DECLINED")));
        h.reply("pay", SagaReply.retryableFailure("CARD_DECLINED", "declined"));

        assertThat(h.stepState("pay")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.saga.timers()).isEmpty();
        assertThat(h.saga.progress("pay").lastError()).isEqualTo("CARD_DECLINED: declined (code CARD_DECLINED is not retried)");
    }

    @Test
    void aPolicyOfOneAttemptFailsTheStepOnItsFirstRetryableFailure() {
        SagaHarness h = SagaHarness.start(single(Sagas.NO_RETRY));
        h.failRetryably("pay");

        assertThat(h.stepState("pay")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void aBackOffTimerFiredBeforeItIsDueIsIgnored() {
        SagaHarness h = SagaHarness.start(single(Sagas.EXAMPLE_RETRY));
        h.failRetryably("pay");
        h.advance(Duration.ofMillis(199));

        Transition early = h.fire("retry:pay:2");
        assertThat(early.applied()).isFalse();
        assertThat(early.ignoredReason()).contains("not due before");

        h.advance(Duration.ofMillis(1));
        assertThat(h.fire("retry:pay:2").commands()).extracting(SagaCommand::attempt).containsExactly(2);
    }
}
