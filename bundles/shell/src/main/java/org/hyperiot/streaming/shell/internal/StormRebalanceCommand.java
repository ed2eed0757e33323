package org.hyperiot.streaming.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.TopologyService;

/** {@code storm:rebalance}, with the options of Storm's own {@code storm rebalance}. */
@Service
@Command(scope = "storm", name = "rebalance", description = "Moves a topology's executors over its workers, optionally changing the number of workers and the executors of some components. Nimbus deactivates it for the wait first.")
public class StormRebalanceCommand extends TopologyControlCommand {

    /** {@code component=count}, as Storm's own command line takes it. */
    private static final Pattern EXECUTORS = Pattern.compile("(.+)=(\\d{1,9})");

    @Option(name = "-w", aliases = "--wait", description = "Seconds the topology is deactivated before its executors move (default: the connector's kill.wait.seconds).")
    Integer waitSeconds;

    @Option(name = "-n", aliases = "--workers", description = "The new number of worker processes.")
    Integer workers;

    @Option(name = "-e", aliases = "--executors", multiValued = true, description = "component=count: the new number of executors of a component; repeat for several.")
    List<String> executors;

    @Override
    String request(TopologyService service) {
        Map<String, Integer> perComponent = new LinkedHashMap<>();
        if (executors != null) {
            for (String given : executors) {
                Matcher matcher = EXECUTORS.matcher(given);
                if (!matcher.matches()) {
                    System.err.println("Executors are given as component=count, such as engine=4, not '" + given + "'");
                    return null;
                }
                perComponent.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }
        service.rebalance(topology, new RebalanceRequest(waitSeconds, workers, perComponent));
        StringBuilder accepted = new StringBuilder("Rebalance of ").append(topology).append(" accepted");
        accepted.append(waitSeconds == null ? ": after the connector's default wait" : ": after " + waitSeconds + " s");
        if (workers != null) {
            accepted.append(", to ").append(workers).append(" worker(s)");
        }
        if (!perComponent.isEmpty()) {
            accepted.append(", executors ").append(perComponent);
        }
        return accepted.toString();
    }
}
