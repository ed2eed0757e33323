package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.storm.TopologyService;

/** {@code storm:deactivate}. */
@Service
@Command(scope = "storm", name = "deactivate", description = "Stops a topology's spouts from emitting; tuples in flight still complete.")
public class StormDeactivateCommand extends TopologyControlCommand {

    @Override
    String request(TopologyService service) {
        service.deactivate(topology);
        return "Deactivation of " + topology + " accepted";
    }
}
