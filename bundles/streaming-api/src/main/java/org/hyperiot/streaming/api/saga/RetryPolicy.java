package org.hyperiot.streaming.api.saga;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the coordinator retries an attempt that failed with a retryable failure (or timed out). After
 * the n-th failed attempt it waits {@code min(initialInterval × multiplier^(n-1), maxInterval)},
 * rounded down to whole milliseconds, and sends the command again with the same
 * {@link SagaCommand#commandId()}; after {@code maxAttempts} attempts the step has failed for good.
 * A final failure, or a retryable failure whose code is listed in {@code nonRetryableCodes}, is never
 * retried. The same policy applies, separately, to the step's compensation.
 *
 * <p>In JSON: {@code "retry": {"initialInterval": "200ms", "multiplier": 2, "maxInterval": "5s",
 * "maxAttempts": 5, "nonRetryableCodes": ["CARD_DECLINED"]}}; members left out take the values of
 * {@link #DEFAULT}.
 *
 * @param initialInterval   the wait after the first failed attempt
 * @param multiplier        how much each wait grows over the one before, at least 1
 * @param maxInterval       the longest wait, at least {@code initialInterval}
 * @param maxAttempts       how many attempts in all, the first included; 1 means no retry
 * @param nonRetryableCodes failure codes that end the step at once even when the participant called
 *                          them retryable; kept as an unmodifiable copy in the given order
 */
public record RetryPolicy(Duration initialInterval, double multiplier, Duration maxInterval, int maxAttempts,
                          Set<String> nonRetryableCodes) {

    /**
     * The failure code of an attempt that got no answer within its time limit. Listing it in
     * {@link #nonRetryableCodes()} makes a timeout end the step at once.
     */
    public static final String TIMEOUT_CODE = "TIMEOUT";

    /** The policy of steps that do not give one: 5 attempts, waiting 1 s, 2 s, 4 s and 8 s in between. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 5, Set.of());

    /** Keeps an unmodifiable, ordered copy of the non-retryable codes. */
    public RetryPolicy {
        nonRetryableCodes = nonRetryableCodes == null || nonRetryableCodes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(nonRetryableCodes));
    }

    /** Exponential back-off with the given settings and no non-retryable codes. */
    public static RetryPolicy exponential(Duration initialInterval, double multiplier, Duration maxInterval,
                                          int maxAttempts) {
        return new RetryPolicy(initialInterval, multiplier, maxInterval, maxAttempts, Set.of());
    }

    /** This policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(initialInterval, multiplier, maxInterval, attempts, nonRetryableCodes);
    }

    /** This policy with the given codes treated as final failures. */
    public RetryPolicy withNonRetryableCodes(String... codes) {
        return withNonRetryableCodes(Arrays.asList(codes));
    }

    /** This policy with the given codes treated as final failures. */
    public RetryPolicy withNonRetryableCodes(Collection<String> codes) {
        return new RetryPolicy(initialInterval, multiplier, maxInterval, maxAttempts,
                codes == null ? null : new LinkedHashSet<>(codes));
    }
}
