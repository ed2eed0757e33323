package org.hyperiot.streaming.kafka.support;

/**
 * The first retry pause of the platform's transactional producers (stream runtime, saga coordinator
 * and participants).
 *
 * <p>Adding consumer offsets to a transaction begun right after the previous commit is refused with
 * {@code CONCURRENT_TRANSACTIONS} until the broker has written that commit's markers, which takes a
 * few milliseconds. The producer then waits {@code retry.backoff.ms} before asking again; with
 * Kafka's default of 100 ms that wait put about 100 ms on one consume-transform-produce hop in ten
 * (measured on Kafka 4.4 at 100 records/s: p90 of a hop 106 ms with the default, 9 ms with 10 ms).
 * Later retries still back off exponentially up to {@code retry.backoff.max.ms}, so a broker in
 * trouble is not hammered.
 */
public final class TransactionRetry {

    /** The value for {@code retry.backoff.ms} of a transactional producer. */
    public static final int FIRST_BACKOFF_MS = 10;

    private TransactionRetry() {
    }
}
