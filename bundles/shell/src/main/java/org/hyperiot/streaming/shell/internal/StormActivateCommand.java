package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.storm.TopologyService;

/** {@code storm:activate}. */
@Service
@Command(scope = "storm", name = "activate", description = "Lets a topology's spouts emit again; does nothing if it is active.")
public class StormActivateCommand extends TopologyControlCommand {

    @Override
    String request(TopologyService service) {
        service.activate(topology);
        return "Activation of " + topology + " accepted";
    }
}
