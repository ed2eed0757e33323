package org.hyperiot.streaming.saga.internal.machine;

import java.time.Duration;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;

/** Saga definitions the state machine tests run. */
final class Sagas {

    /** The retry policy of the contract's example: 200 ms, doubling, at most 5 s, 5 attempts. */
    static final RetryPolicy EXAMPLE_RETRY =
            RetryPolicy.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(5), 5);

    /** No retries at all: the first failure is final. */
    static final RetryPolicy NO_RETRY = RetryPolicy.DEFAULT.withMaxAttempts(1);

    private Sagas() {
    }

    /** The {@code order} saga of SPEC §8. */
    static SagaDefinition order() {
        return SagaDefinition.builder("order")
                .timeout(Duration.ofMinutes(5))
                .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release")
                        .withTimeout(Duration.ofSeconds(10)).withRetry(EXAMPLE_RETRY))
                .parallel(SagaStep.of("charge", "payments", "charge").withCompensation("refund"),
                        SagaStep.of("notify", "mailer", "confirm"))
                .step("ship", "shipping", "ship", "cancel-shipment")
                .build();
    }

    /** {@code first}, then {@code left} and {@code right} together, then {@code last}; all compensable. */
    static SagaDefinition diamond(RetryPolicy retry) {
        return SagaDefinition.builder("diamond")
                .timeout(Duration.ofMinutes(1))
                .step(step("first", retry))
                .parallel(step("left", retry), step("right", retry))
                .step(step("last", retry))
                .build();
    }

    static SagaStep step(String name, RetryPolicy retry) {
        return SagaStep.of(name, "p-" + name, "do-" + name).withCompensation("undo-" + name).withRetry(retry);
    }
}
