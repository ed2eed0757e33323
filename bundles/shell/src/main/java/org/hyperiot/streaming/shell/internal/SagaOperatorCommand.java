package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaCoordinator;

/**
 * Cancel, retry and skip: the coordinator records the request and carries it out asynchronously, so
 * the command says what was recorded and leaves the rest to {@code saga:info}.
 */
abstract class SagaOperatorCommand implements Action {

    @Reference(optional = true)
    SagaCoordinator sagas;

    @Argument(index = 0, name = "id", description = "The saga's id.", required = true)
    @Completion(SagaIdCompleter.class)
    String id;

    /** Sends the request. */
    abstract void request(SagaCoordinator coordinator, String saga);

    /** The request in words, for example "Cancel". */
    abstract String what();

    @Override
    public Object execute() {
        if (sagas == null) {
            SagaCommandOutput.notInstalled();
            return null;
        }
        try {
            request(sagas, id);
            System.out.println(what() + " of saga " + id + " requested; saga:info " + id + " shows when it takes effect");
        } catch (StreamingException e) {
            SagaCommandOutput.refused(e);
        }
        return null;
    }
}
