package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.storm.TopologyService;

/** {@code storm:kill}, with the options of Storm's own {@code storm kill}. */
@Service
@Command(scope = "storm", name = "kill", description = "Kills a topology: Nimbus deactivates it at once and removes it after the wait, so that tuples in flight can complete.")
public class StormKillCommand extends TopologyControlCommand {

    @Option(name = "-w", aliases = "--wait", description = "Seconds between deactivation and removal, at least 5 (default: the connector's kill.wait.seconds, 10 unless configured).")
    Integer waitSeconds;

    @Override
    String request(TopologyService service) {
        if (waitSeconds == null) {
            service.kill(topology);
            return "Kill of " + topology + " accepted: it is removed after the connector's default wait";
        }
        service.kill(topology, waitSeconds);
        return "Kill of " + topology + " accepted: it is removed after " + waitSeconds + " s";
    }
}
