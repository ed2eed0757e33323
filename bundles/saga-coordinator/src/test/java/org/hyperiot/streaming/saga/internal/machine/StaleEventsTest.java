package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.junit.jupiter.api.Test;

/** Kafka delivers again after a failover; nothing delivered twice may move a saga twice. */
class StaleEventsTest {

    @Test
    void aRepeatedSuccessIsIgnored() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        SagaCommand reserve = h.latestCommand("reserve");
        h.reply(reserve, SagaReply.success(Map.of("a", 1)));
        SagaInstance after = h.saga;

        Transition again = h.reply(reserve, SagaReply.success(Map.of("a", 2)));
        assertThat(again.applied()).isFalse();
        assertThat(again.ignoredReason()).isEqualTo("stale reply to attempt 1 of command 'saga-1/reserve/execute/reserve': "
                + "step 'reserve' is COMPLETED at attempt 1");
        assertThat(h.saga).isEqualTo(after);
    }

    @Test
    void aReplyToAnEarlierAttemptIsIgnored() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        SagaCommand first = h.latestCommand("reserve");
        h.failRetryably("reserve");
        h.fireNextTimer();

        assertThat(h.reply(first, SagaReply.finalFailure("X", "late")).applied()).isFalse();
        assertThat(h.reply(first, SagaReply.success()).applied()).isFalse();
        assertThat(h.state()).isEqualTo(SagaState.RUNNING);
    }

    @Test
    void aReplyWithAnUnknownCommandIdIsIgnored() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        Transition transition = h.apply(new SagaEvent.ReplyReceived("saga-2/reserve/execute/reserve", 1, SagaReply.success()));

        assertThat(transition.applied()).isFalse();
        assertThat(transition.ignoredReason()).isEqualTo("no command of saga 'saga-1' has id 'saga-2/reserve/execute/reserve'");
    }

    @Test
    void aReplyToACompensationThatIsNotAwaitedIsIgnored() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failForGood("charge");
        h.succeed("notify");
        SagaCommand release = h.latestCommand("reserve");
        assertThat(release.compensation()).isTrue();

        assertThat(h.apply(new SagaEvent.ReplyReceived(release.commandId(), 2, SagaReply.success())).applied()).isFalse();
        h.reply(release, SagaReply.success());
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.reply(release, SagaReply.success()).applied()).isFalse();
    }

    @Test
    void aLateActionReplyDuringCompensationIsIgnored() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        SagaCommand reserve = h.latestCommand("reserve");
        h.succeed("reserve");
        h.failForGood("charge");

        assertThat(h.reply(reserve, SagaReply.success()).applied()).isFalse();
    }

    @Test
    void aTimerThatIsNoLongerSetIsIgnored() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");

        Transition transition = h.fire("timeout:reserve:1");
        assertThat(transition.applied()).isFalse();
        assertThat(transition.ignoredReason()).isEqualTo("timer 'timeout:reserve:1' is not set: it fired or was cancelled already");
        assertThat(h.fire("retry:nothing:3").applied()).isFalse();
    }

    @Test
    void aTimerThatFiresTwiceActsOnce() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.failRetryably("reserve");
        h.fireNextTimer();
        assertThat(h.fire("retry:reserve:2").applied()).isFalse();
        assertThat(h.commandsFor("reserve")).hasSize(2);
    }

    @Test
    void eventsAfterTheSagaCompletedChangeNothing() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.succeed("charge");
        h.succeed("notify");
        h.succeed("ship");

        for (SagaCommand command : List.copyOf(h.sent)) {
            assertThat(h.reply(command, SagaReply.finalFailure("X", "too late")).applied()).isFalse();
        }
        assertThat(h.fire("deadline").applied()).isFalse();
        assertThat(h.state()).isEqualTo(SagaState.COMPLETED);
    }
}
