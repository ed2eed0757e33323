package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.saga.SagaCoordinator;

/** {@code saga:skip}. */
@Service
@Command(scope = "saga", name = "skip", description = "Skips the compensations that failed for good in a saga in FAILED_TO_COMPENSATE, leaving those steps' effects in place, and goes on compensating the steps before them.")
public class SagaSkipCommand extends SagaOperatorCommand {

    @Override
    void request(SagaCoordinator coordinator, String saga) {
        coordinator.skip(saga);
    }

    @Override
    String what() {
        return "Skip";
    }
}
