package org.hyperiot.streaming.benchmark.saga.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExchangeCountTest {

    /** 1,000 sagas of three steps without a retry. */
    private static final ExchangeCount THOUSAND = new ExchangeCount(1000, 3000, 3000, 4000, 3000,
            300_000, 1_200_000, 600_000, 8_000_000, 240_000);

    @Test
    void aMessageIsAStartACommandAReplyOrALogWriteNotAHandledNote() {
        assertThat(THOUSAND.messages()).isEqualTo(11_000);
        assertThat(THOUSAND.messagesPerSaga(1000)).isEqualTo(11.0);
        assertThat(THOUSAND.messageBytes()).isEqualTo(10_100_000);
    }

    @Test
    void messagesPerSecondFollowSagasPerSecond() {
        assertThat(THOUSAND.messagesPerSecond(1000, 2500)).isCloseTo(27_500, within(1e-9));
    }

    @Test
    void meanSizes() {
        assertThat(ExchangeCount.meanBytes(THOUSAND.logBytes(), THOUSAND.logWrites())).isEqualTo(2000);
        assertThat(ExchangeCount.meanBytes(0, 0)).isNaN();
        assertThat(THOUSAND.messagesPerSaga(0)).isNaN();
    }

    @Test
    void countsAddUp() {
        ExchangeCount twice = THOUSAND.plus(THOUSAND);

        assertThat(twice.messages()).isEqualTo(22_000);
        assertThat(twice.handledNotes()).isEqualTo(6000);
        assertThat(twice.handledBytes()).isEqualTo(480_000);
        assertThat(ExchangeCount.NONE.plus(THOUSAND)).isEqualTo(THOUSAND);
    }
}
