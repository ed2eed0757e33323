package org.hyperiot.streaming.saga.internal.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.saga.internal.machine.SagaInstance;

/**
 * What this node's coordinator did, counted from the history entries each committed transaction
 * added: commands sent, retries, compensations, time-outs, and the time from a step's first command to
 * its completion. Read by any thread.
 */
public final class CoordinatorMetrics {

    private final LongAdder transactions = new LongAdder();
    private final LongAdder commandsSent = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder compensationsSent = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder stepsCompleted = new LongAdder();
    private final LatencyRecorder stepLatency = new LatencyRecorder();
    private volatile Set<Integer> owned = Set.of();

    void committed(List<SagaPartition.Outcome> outcomes, Instant now) {
        transactions.increment();
        for (SagaPartition.Outcome outcome : outcomes) {
            if (outcome.applied()) {
                count(outcome.record().saga(), outcome.addedHistory());
            }
        }
    }

    private void count(SagaInstance saga, List<SagaHistoryEntry> added) {
        for (SagaHistoryEntry entry : added) {
            switch (entry.kind()) {
                case COMMAND_SENT -> {
                    commandsSent.increment();
                    if (entry.attempt() > 1) {
                        retries.increment();
                    }
                }
                case COMPENSATION_SENT -> {
                    commandsSent.increment();
                    compensationsSent.increment();
                }
                case ATTEMPT_TIMED_OUT, COMPENSATION_ATTEMPT_TIMED_OUT -> timeouts.increment();
                case STEP_COMPLETED -> {
                    stepsCompleted.increment();
                    firstCommand(saga, entry.step()).ifPresent(sent -> stepLatency.record(Duration.between(sent, entry.at())));
                }
                default -> {
                }
            }
        }
    }

    private static java.util.Optional<Instant> firstCommand(SagaInstance saga, String step) {
        return saga.history().stream()
                .filter(entry -> entry.kind() == SagaHistoryEntry.Kind.COMMAND_SENT && step.equals(entry.step()))
                .map(SagaHistoryEntry::at).findFirst();
    }

    void owned(Set<Integer> partitions) {
        owned = Set.copyOf(partitions);
    }

    public Set<Integer> ownedPartitions() {
        return owned;
    }

    public long transactions() {
        return transactions.sum();
    }

    public long commandsSent() {
        return commandsSent.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long compensationsSent() {
        return compensationsSent.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long stepsCompleted() {
        return stepsCompleted.sum();
    }

    public LatencyRecorder stepLatency() {
        return stepLatency;
    }
}
