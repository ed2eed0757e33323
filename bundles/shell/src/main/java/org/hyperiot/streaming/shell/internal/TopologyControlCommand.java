package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyService;

/**
 * The {@code storm:*} commands that change a topology: Nimbus accepts the request and carries it out
 * after its wait, so the command says what was accepted and leaves the rest to {@code storm:info}.
 */
abstract class TopologyControlCommand implements Action {

    @Reference
    TopologyService topologies;

    @Argument(index = 0, name = "topology", description = "The topology's name or id.", required = true)
    @Completion(TopologyNameCompleter.class)
    String topology;

    /**
     * Sends the request; returns what was accepted, in words, or null after printing why the
     * request itself is wrong.
     */
    abstract String request(TopologyService service);

    @Override
    public Object execute() {
        try {
            String accepted = request(topologies);
            if (accepted != null) {
                System.out.println(accepted);
            }
        } catch (StormException e) {
            StormCommandOutput.refused(e);
        }
        return null;
    }
}
