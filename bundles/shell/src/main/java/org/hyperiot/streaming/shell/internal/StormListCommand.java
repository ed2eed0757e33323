package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyService;

/** {@code storm:list}: every topology of the Storm cluster with its status, size and owner. */
@Service
@Command(scope = "storm", name = "list", description = "Lists the topologies of the Storm cluster with their status, workers, executors and owner.")
public class StormListCommand implements Action {

    @Reference
    TopologyService topologies;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("No topologies");
        table.column("Name");
        table.column("Status");
        table.column("Uptime").alignRight();
        table.column("Workers").alignRight();
        table.column("Executors").alignRight();
        table.column("Tasks").alignRight();
        table.column("Owner");
        table.column("Id");
        try {
            topologies.list().forEach(topology -> table.addRow().addContent(topology.name(), topology.status(),
                    StormCommandOutput.duration(topology.uptimeSeconds()), topology.workers(), topology.executors(),
                    topology.tasks(), topology.owner() == null ? "-" : topology.owner(), topology.id()));
        } catch (StormException e) {
            StormCommandOutput.refused(e);
            return null;
        }
        table.print(System.out);
        StormClusterStatus cluster = topologies.clusterStatus();
        if (cluster.up()) {
            System.out.println("Nimbus " + cluster.leader() + ", " + cluster.supervisors().size() + " supervisor(s), "
                    + cluster.usedSlots() + " slot(s) used, " + cluster.freeSlots() + " free");
        }
        return null;
    }
}
