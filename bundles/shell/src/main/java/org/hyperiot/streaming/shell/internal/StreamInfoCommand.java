package org.hyperiot.streaming.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;

/** {@code streaming:info}: one stream's status, tasks, a metrics summary and its definition. */
@Service
@Command(scope = "streaming", name = "info", description = "Shows a stream: its state and tasks, a summary of its metrics and its definition as JSON.")
public class StreamInfoCommand implements Action {

    @Reference
    StreamManager streams;

    @Argument(index = 0, name = "name", description = "The stream.", required = true)
    @Completion(StreamNameCompleter.class)
    String name;

    @Option(name = "--no-definition", aliases = "-n", description = "Leave out the definition.")
    boolean noDefinition;

    @Override
    public Object execute() {
        StreamDefinition definition;
        StreamStatus status;
        StreamMetrics metrics;
        try {
            definition = streams.get(name);
            status = streams.status(name);
            metrics = streams.metrics(name);
        } catch (StreamNotFoundException e) {
            System.err.println("No stream named '" + name + "'");
            return null;
        }
        PrintStream out = System.out;
        line("Stream", definition.name() + (definition.description() == null ? "" : "  (" + definition.description() + ")"));
        line("State", status.state());
        line("Engine", definition.engine().jsonName() + ", " + definition.mode().jsonName() + ", "
                + definition.guarantee().jsonName());
        if (status.lastError() != null) {
            line("Last error", status.lastError());
        }
        out.println();
        ShellTable tasks = new ShellTable().emptyTableText("No tasks running");
        tasks.column("Node");
        tasks.column("Task");
        tasks.column("Partitions");
        tasks.column("State");
        tasks.column("Last error");
        status.tasks().forEach(task -> tasks.addRow().addContent(task.node(), task.task(),
                String.join(",", task.partitions()), task.state(), task.lastError() == null ? "" : task.lastError()));
        tasks.print(out);
        out.println();
        line("Records in", metrics.recordsIn() + " (" + rate(metrics.recordsInPerSecond()) + ")");
        line("Records out", metrics.recordsOut() + " (" + rate(metrics.recordsOutPerSecond()) + ")");
        line("Late", metrics.late());
        line("Dead-lettered", metrics.deadLettered());
        line("Lag", metrics.lag());
        line("Latency", "p50 " + millis(metrics.latencyP50Ms()) + ", p99 " + millis(metrics.latencyP99Ms()));
        line("Watermark", metrics.watermark() == null ? "-" : Instant.ofEpochMilli(metrics.watermark()));
        line("Commits", metrics.commits());
        if (!noDefinition) {
            out.println();
            out.println(new StreamDefinitionWriter().writePretty(definition));
        }
        return null;
    }

    private static void line(String label, Object value) {
        System.out.printf(Locale.ROOT, "%-15s%s%n", label, value);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    private static String millis(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f ms", value);
    }
}
