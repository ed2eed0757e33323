package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.saga.SagaCoordinator;

/** {@code saga:retry}. */
@Service
@Command(scope = "saga", name = "retry", description = "Retries the compensations that failed for good in a saga in FAILED_TO_COMPENSATE, with a fresh set of attempts.")
public class SagaRetryCommand extends SagaOperatorCommand {

    @Override
    void request(SagaCoordinator coordinator, String saga) {
        coordinator.retry(saga);
    }

    @Override
    String what() {
        return "Retry";
    }
}
