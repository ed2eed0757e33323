package org.hyperiot.streaming.example.saga.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaEffect;
import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * What the four order participants have in common: each knows a few operations (actions and
 * compensations), reads the order from the saga's data, honours the failure switches of
 * {@link OrderInput}, and applies an operation by answering with its facts as output and one
 * {@link OrderEffects effect record}.
 *
 * <p>Nothing is kept between commands. The output and the record depend only on the command, so a
 * command delivered again, or retried, gets the same answer, and the record is written only with the
 * reply the coordinator commits: that is what makes the participants idempotent and their effects
 * exactly-once without any table of command ids. Instances are therefore safe for concurrent commands.
 */
public abstract class OrderParticipant implements SagaParticipant {

    /** Failure code of a command whose action this participant does not know. */
    static final String UNKNOWN_ACTION = "UNKNOWN_ACTION";

    /** Failure code of a command whose saga data is not a valid order. */
    static final String INVALID_INPUT = "INVALID_INPUT";

    /**
     * An operation of a participant.
     *
     * @param action       its name, as a definition's {@code action} or {@code compensation} gives it
     * @param compensation whether it undoes another operation
     * @param facts        what it makes or undoes for an order, such as a reservation id; deterministic
     */
    protected record Operation(String action, boolean compensation, Function<OrderInput, Map<String, Object>> facts) {

        static Operation action(String action, Function<OrderInput, Map<String, Object>> facts) {
            return new Operation(action, false, facts);
        }

        static Operation compensation(String action, Function<OrderInput, Map<String, Object>> facts) {
            return new Operation(action, true, facts);
        }
    }

    private final String name;
    private final OrderEffects effects;
    private final ParticipantClock clock;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    OrderParticipant(String name, OrderEffects effects, ParticipantClock clock, Operation... operations) {
        this.name = name;
        this.effects = effects;
        this.clock = clock;
        for (Operation operation : operations) {
            this.operations.put(operation.action(), operation);
        }
    }

    /** The name the participant is registered under. */
    public String name() {
        return name;
    }

    @Override
    public final SagaReply execute(SagaCommand command) {
        Operation operation = operations.get(command.action());
        if (operation == null || operation.compensation() != command.compensation()) {
            return SagaReply.finalFailure(UNKNOWN_ACTION, "participant '" + name + "' has no "
                    + (command.compensation() ? "compensation" : "action") + " '" + command.action()
                    + "'; it knows " + knownOperations());
        }
        OrderInput order;
        try {
            order = OrderInput.from(command.data());
        } catch (InvalidOrderInputException e) {
            return SagaReply.finalFailure(INVALID_INPUT, e.getMessage());
        }
        // The coordinator may disregard an answer after the deadline: nothing is applied that late.
        if (isPast(command.deadline())) {
            return late(command);
        }
        Duration delay = order.delayFor(command);
        if (!delay.isZero()) {
            try {
                clock.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SagaReply.retryableFailure("INTERRUPTED", "participant '" + name + "' was stopped while '"
                        + command.action() + "' waited as the saga input asks (\"delay\")");
            }
            if (isPast(command.deadline())) {
                return late(command);
            }
        }
        Optional<SagaReply> requested = order.requestedFailure(command);
        if (requested.isPresent()) {
            return requested.get();
        }
        Map<String, Object> facts = operation.facts().apply(order);
        SagaEffect effect = effects.record(command, name, order, facts);
        // A compensation's facts only describe what it undid; nothing of it belongs in the saga's data.
        return SagaReply.success(command.compensation() ? Map.of() : facts, List.of(effect));
    }

    private boolean isPast(Instant deadline) {
        return deadline != null && clock.now().isAfter(deadline);
    }

    private SagaReply late(SagaCommand command) {
        return SagaReply.retryableFailure(RetryPolicy.TIMEOUT_CODE, "attempt " + command.attempt() + " of '"
                + command.action() + "' reached participant '" + name + "' after its deadline " + command.deadline()
                + "; nothing was applied");
    }

    private String knownOperations() {
        return operations.values().stream()
                .map(operation -> operation.action() + (operation.compensation() ? " (compensation)" : ""))
                .collect(Collectors.joining(", "));
    }
}
