package org.hyperiot.streaming.saga.internal.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaReply;
import org.junit.jupiter.api.Test;

class HandledCommandsTest {

    private static final long RETENTION_MS = 1_000;
    private static final SagaReply PAID = SagaReply.success(Map.of("paid", true));

    private final HandledCommands handled = new HandledCommands(RETENTION_MS);

    @Test
    void notesRestoredFromLongerAgoThanTheRetentionAreNotKept() {
        handled.restore("old", PAID, 10_000, 11_500);
        handled.restore("recent", PAID, 11_000, 11_500);
        handled.restore("forgotten", PAID, 11_100, 11_500);
        handled.restore("forgotten", null, 11_200, 11_500);

        assertThat(handled.reply("old")).isEmpty();
        assertThat(handled.reply("recent")).contains(PAID);
        assertThat(handled.reply("forgotten")).as("a tombstone forgets it").isEmpty();
        assertThat(handled.size()).isEqualTo(1);

        handled.restore("untimed", PAID, -1, 11_500);
        assertThat(handled.reply("untimed")).as("a record without a timestamp counts from now").contains(PAID);
    }

    @Test
    void aStagedAnswerCountsAtOnceAndIsKeptForTheRetentionFromItsCommit() {
        handled.stage("a", PAID);
        assertThat(handled.reply("a")).contains(PAID);
        handled.commit(5_000);
        handled.stage("b", PAID);
        handled.commit(5_600);

        handled.commit(6_000);
        assertThat(handled.reply("a")).contains(PAID);

        handled.commit(6_001);
        assertThat(handled.reply("a")).isEmpty();
        assertThat(handled.reply("b")).contains(PAID);
        assertThat(handled.size()).isEqualTo(1);
    }

    @Test
    void anAbortedAnswerIsNotKept() {
        handled.stage("a", PAID);
        handled.abort();
        handled.commit(5_000);

        assertThat(handled.reply("a")).isEmpty();
    }
}
