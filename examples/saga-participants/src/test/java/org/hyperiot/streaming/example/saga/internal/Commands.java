package org.hyperiot.streaming.example.saga.internal;

import java.time.Instant;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;

/** Commands as the coordinator sends them for the {@code order} saga, with the coordinator's command ids. */
final class Commands {

    static final String SAGA_ID = "saga-1";

    private Commands() {
    }

    /** The first attempt of a step's action, without deadline. */
    static SagaCommand action(String step, String participant, String action, Map<String, Object> data) {
        return command(step, participant, action, false, 1, data, null);
    }

    /** The first attempt of a step's compensation, without deadline. */
    static SagaCommand compensation(String step, String participant, String action, Map<String, Object> data) {
        return command(step, participant, action, true, 1, data, null);
    }

    static SagaCommand command(String step, String participant, String action, boolean compensation, int attempt,
                               Map<String, Object> data, Instant deadline) {
        String commandId = SAGA_ID + "/" + step + (compensation ? "/compensate/" : "/execute/") + action;
        return new SagaCommand(SAGA_ID, OrderSaga.NAME, step, participant, action, compensation, attempt, commandId,
                data, deadline);
    }

    /** The same command, as attempt {@code attempt}. */
    static SagaCommand attempt(SagaCommand command, int attempt) {
        return new SagaCommand(command.sagaId(), command.definition(), command.step(), command.participant(),
                command.action(), command.compensation(), attempt, command.commandId(), command.data(),
                command.deadline());
    }

    /** The same command with a deadline. */
    static SagaCommand withDeadline(SagaCommand command, Instant deadline) {
        return new SagaCommand(command.sagaId(), command.definition(), command.step(), command.participant(),
                command.action(), command.compensation(), command.attempt(), command.commandId(), command.data(),
                deadline);
    }
}
