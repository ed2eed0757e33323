package org.hyperiot.streaming.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class AttemptLoopTest {

    @Test
    void aFailedAttemptIsFollowedByAnotherAndTheProblemIsKeptUntilOneRuns() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        AttemptLoop loop = new AttemptLoop("test", "test-loop", () -> {
            if (made.incrementAndGet() < 3) {
                throw new IllegalStateException("Kafka is away");
            }
            return new Attempt(running);
        }, Duration.ofMillis(300));
        loop.start();

        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(made.get()).isEqualTo(3);
        assertThat(loop.problem()).isNull();
        loop.stop(Duration.ofSeconds(5));
    }

    @Test
    void aStopEndsTheAttemptUnderWayAndClosesIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Attempt attempt = new Attempt(running);
        AttemptLoop loop = new AttemptLoop("test", "test-loop", () -> attempt, Duration.ofMillis(300));
        loop.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        loop.stop(Duration.ofSeconds(5));

        assertThat(attempt.closed).isTrue();
        assertThat(attempt.wokenUp).isTrue();
    }

    @Test
    void theProblemSaysWhyWhileAttemptsFail() throws Exception {
        CountDownLatch tried = new CountDownLatch(2);
        AttemptLoop loop = new AttemptLoop("test", "test-loop", () -> {
            tried.countDown();
            throw new IllegalStateException("no broker answers");
        }, Duration.ofMillis(200));
        loop.start();

        assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.problem()).contains("no broker answers");
        loop.stop(Duration.ofSeconds(5));
    }

    @Test
    void pausesDoubleUpToTheLongestAndStartOverAfterASuccess() {
        RetryPacing pacing = new RetryPacing(Duration.ofMillis(200), Duration.ofSeconds(1));
        assertThat(pacing.failed()).isEqualTo(Duration.ofMillis(200));
        assertThat(pacing.failed()).isEqualTo(Duration.ofMillis(400));
        assertThat(pacing.failed()).isEqualTo(Duration.ofMillis(800));
        assertThat(pacing.failed()).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            assertThat(pacing.failed()).isEqualTo(Duration.ofSeconds(1));
        }
        pacing.succeeded();
        assertThat(pacing.failuresInARow()).isZero();
        assertThat(pacing.failed()).isEqualTo(Duration.ofMillis(200));
    }

    /** Runs until stopped, as a coordinator's attempt does between polls. */
    private static final class Attempt implements AttemptLoop.Attempt {
        private final CountDownLatch running;
        volatile boolean closed;
        volatile boolean wokenUp;

        Attempt(CountDownLatch running) {
            this.running = running;
        }

        @Override
        public void run(BooleanSupplier stillRunning) {
            running.countDown();
            while (stillRunning.getAsBoolean()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void wakeup() {
            wokenUp = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
