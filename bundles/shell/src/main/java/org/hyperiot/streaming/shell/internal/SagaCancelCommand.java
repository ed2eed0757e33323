package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.saga.SagaCoordinator;

/** {@code saga:cancel}. */
@Service
@Command(scope = "saga", name = "cancel", description = "Cancels a running saga: it starts no more steps and compensates every completed step, last completed first.")
public class SagaCancelCommand extends SagaOperatorCommand {

    @Override
    void request(SagaCoordinator coordinator, String saga) {
        coordinator.cancel(saga);
    }

    @Override
    String what() {
        return "Cancel";
    }
}
