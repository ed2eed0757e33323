package org.hyperiot.streaming.benchmark.saga;

import static org.assertj.core.api.Assertions.assertThat;

import org.hyperiot.streaming.benchmark.saga.report.ExchangeCount;
import org.junit.jupiter.api.Test;

class SagaRunVerificationTest {

    private static SagaRun completedRun(int sagas) {
        SagaRun run = new SagaRun("t1r", sagas);
        for (int index = 0; index < sagas; index++) {
            run.sent(index, 1000 + index);
            for (int step = 0; step < 3; step++) {
                run.logRecord(index, "RUNNING", 2000, 2001, 100);
            }
            run.logRecord(index, "COMPLETED", 3000 + index, 3001 + index, 120);
        }
        return run;
    }

    private static ExchangeCount exchange(SagaRun run, long sagas, long commands) {
        return new ExchangeCount(sagas, commands, 3 * sagas, run.logWrites(), 3 * sagas, 0, 0, 0, run.logBytes(), 0);
    }

    @Test
    void aRunWhereEverySagaRanOnceIsAsExpected() {
        SagaRun run = completedRun(10);

        String verification = SagaBenchmark.verification(run, exchange(run, 10, 30));

        assertThat(run.completed()).isEqualTo(10);
        assertThat(run.logWrites()).isEqualTo(40);
        assertThat(run.logBytes()).isEqualTo(10 * (300 + 120));
        assertThat(verification).isEqualTo("10 of 10 COMPLETED; 110 messages as expected");
    }

    @Test
    void aSecondCompletionIsNotCountedAsASagaButReported() {
        SagaRun run = completedRun(2);
        run.logRecord(1, "COMPLETED", 5000, 5001, 120);

        assertThat(run.completed()).isEqualTo(2);
        assertThat(run.completedAppend(1)).isEqualTo(3001);
        assertThat(run.repeatedCompletions()).isEqualTo(1);
        assertThat(SagaBenchmark.verification(run, exchange(run, 2, 6))).contains("1 COMPLETED again")
                .contains("9 log writes (8 expected)");
    }

    @Test
    void extraCommandsAndOtherStatesAreNamed() {
        SagaRun run = completedRun(2);
        run.logRecord(0, "COMPENSATING", 4000, 4001, 100);

        String verification = SagaBenchmark.verification(run, exchange(run, 2, 7));

        assertThat(verification).contains("1 log records in another state (last COMPENSATING)")
                .contains("7 commands (6 expected)");
    }

    @Test
    void recordsOfSagasBeyondTheRunCountAsLogWritesOnly() {
        SagaRun run = new SagaRun("t1h", 1);
        run.sent(0, 1);

        run.logRecord(5, "COMPLETED", 10, 11, 50);

        assertThat(run.completed()).isZero();
        assertThat(run.logWrites()).isEqualTo(1);
    }
}
