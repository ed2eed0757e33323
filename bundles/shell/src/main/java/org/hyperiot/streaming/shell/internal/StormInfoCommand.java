package org.hyperiot.streaming.shell.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.storm.ComponentError;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyDetails;
import org.hyperiot.streaming.api.storm.TopologyService;

/** {@code storm:info}: one topology with its spouts, bolts, worker processes and last errors. */
@Service
@Command(scope = "storm", name = "info", description = "Shows a topology: its status, its spouts and bolts with their counters since deployment, its worker processes and the last error of each component.")
public class StormInfoCommand implements Action {

    @Reference
    TopologyService topologies;

    @Argument(index = 0, name = "topology", description = "The topology's name or id.", required = true)
    @Completion(TopologyNameCompleter.class)
    String topology;

    @Override
    public Object execute() {
        TopologyDetails details;
        try {
            details = topologies.details(topology);
        } catch (StormException e) {
            StormCommandOutput.refused(e);
            return null;
        }
        line("Topology", details.name());
        line("Id", details.id());
        line("Status", details.status());
        line("Owner", details.owner() == null ? "-" : details.owner());
        line("Uptime", StormCommandOutput.duration(details.uptimeSeconds()));
        line("Size", details.workers() + " worker(s), " + details.executors() + " executor(s), " + details.tasks()
                + " task(s)");
        System.out.println();

        ShellTable spouts = new ShellTable().emptyTableText("No spouts");
        spouts.column("Spout");
        spouts.column("Executors").alignRight();
        spouts.column("Tasks").alignRight();
        spouts.column("Emitted").alignRight();
        spouts.column("Acked").alignRight();
        spouts.column("Failed").alignRight();
        spouts.column("Complete latency").alignRight();
        details.spouts().forEach(spout -> spouts.addRow().addContent(spout.id(), spout.executors(), spout.tasks(),
                spout.emitted(), spout.acked(), spout.failed(), StormCommandOutput.millis(spout.completeLatencyMs())));
        spouts.print(System.out);
        System.out.println();

        ShellTable bolts = new ShellTable().emptyTableText("No bolts");
        bolts.column("Bolt");
        bolts.column("Executors").alignRight();
        bolts.column("Tasks").alignRight();
        bolts.column("Executed").alignRight();
        bolts.column("Emitted").alignRight();
        bolts.column("Acked").alignRight();
        bolts.column("Failed").alignRight();
        bolts.column("Process latency").alignRight();
        bolts.column("Capacity").alignRight();
        details.bolts().forEach(bolt -> bolts.addRow().addContent(bolt.id(), bolt.executors(), bolt.tasks(),
                bolt.executed(), bolt.emitted(), bolt.acked(), bolt.failed(),
                StormCommandOutput.millis(bolt.processLatencyMs()), StormCommandOutput.ratio(bolt.capacity())));
        bolts.print(System.out);
        System.out.println();

        ShellTable workers = new ShellTable().emptyTableText("No worker processes");
        workers.column("Host");
        workers.column("Port").alignRight();
        workers.column("Executors").alignRight();
        workers.column("Uptime").alignRight();
        workers.column("Tasks");
        details.workerProcesses().forEach(worker -> workers.addRow().addContent(worker.host(), worker.port(),
                worker.executors(), StormCommandOutput.duration(worker.uptimeSeconds()),
                new TreeMap<>(worker.componentTasks()).entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","))));
        workers.print(System.out);

        Map<String, ComponentError> errors = new TreeMap<>();
        details.spouts().stream().filter(spout -> spout.lastError() != null)
                .forEach(spout -> errors.put(spout.id(), spout.lastError()));
        details.bolts().stream().filter(bolt -> bolt.lastError() != null)
                .forEach(bolt -> errors.put(bolt.id(), bolt.lastError()));
        if (!errors.isEmpty()) {
            System.out.println();
            System.out.println("Last errors");
            errors.forEach((component, error) -> System.out.println("  " + component + " at " + error.time() + " on "
                    + error.host() + ":" + error.port() + ": " + StormCommandOutput.firstLine(error.message())));
        }
        return null;
    }

    private static void line(String label, Object value) {
        System.out.printf(Locale.ROOT, "%-15s%s%n", label, value);
    }
}
