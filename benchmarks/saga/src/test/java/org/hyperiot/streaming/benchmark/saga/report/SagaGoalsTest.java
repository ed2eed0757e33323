package org.hyperiot.streaming.benchmark.saga.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.benchmark.saga.report.Runs.latency;
import static org.hyperiot.streaming.benchmark.saga.report.Runs.run;

import java.util.List;

import org.hyperiot.streaming.benchmark.sidebyside.report.GoalCheck;
import org.junit.jupiter.api.Test;

class SagaGoalsTest {

    @Test
    void everyGoalMet() {
        List<GoalCheck> goals = SagaGoals.evaluate(List.of(run(1, SagaContestants.RAW_LOOP, 20_000, 4.0, 6.0),
                run(1, SagaContestants.HYPERIOT, 20_000, 8.0, 12.0)), List.of(latency(SagaContestants.HYPERIOT, 150, null)));

        assertThat(goals).extracting(GoalCheck::measured)
                .containsExactly("2,500 sagas/s", "150 ms", "0.50 ×");
        assertThat(goals).allMatch(GoalCheck::met);
    }

    @Test
    void eachGoalMissedOnItsOwn() {
        List<GoalCheck> goals = SagaGoals.evaluate(List.of(run(1, SagaContestants.RAW_LOOP, 20_000, 4.0, 6.0),
                run(1, SagaContestants.HYPERIOT, 20_000, 10.1, 12.0)), List.of(latency(SagaContestants.HYPERIOT, 151, null),
                latency(SagaContestants.RAW_LOOP, 10, null)));

        assertThat(goals).extracting(GoalCheck::met).containsExactly(false, false, false);
    }

    @Test
    void aLatencyRunWithSagasMissingMeetsNothingWhateverItsP99() {
        List<GoalCheck> goals = SagaGoals.evaluate(List.of(),
                List.of(latency(SagaContestants.HYPERIOT, 40, "19,000 of 20,000 measured sagas COMPLETED")));

        assertThat(goals.get(1).met()).isFalse();
        assertThat(goals.get(1).measured()).isEqualTo("40 ms (19,000 of 20,000 measured sagas COMPLETED)");
        assertThat(goals.get(0).measured()).isEqualTo("no verified run");
        assertThat(goals.get(2).measured()).isEqualTo("no round with both verified");
    }
}
