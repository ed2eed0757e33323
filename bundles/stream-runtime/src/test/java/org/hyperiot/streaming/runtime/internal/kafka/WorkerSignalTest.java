package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WorkerSignalTest {

    private final WorkerSignal signal = new WorkerSignal();

    @Test
    void aSignalEndsOnePauseAndLaterPausesWaitTheirFullTimeAgain() throws InterruptedException {
        signal.raise();
        assertThat(signal.pause(Duration.ofSeconds(10))).isTrue();

        long started = System.nanoTime();
        assertThat(signal.pause(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        started = System.nanoTime();
        assertThat(signal.pause(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aSignalFromAnotherThreadEndsAPauseInProgress() throws InterruptedException {
        Thread pausing = Thread.currentThread();
        Thread raiser = new Thread(() -> {
            // Raised only once the pause has begun, so the test is about a pause in progress.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pausing.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            signal.raise();
        });
        raiser.start();
        long started = System.nanoTime();

        assertThat(signal.pause(Duration.ofSeconds(30))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        raiser.join();
    }
}
