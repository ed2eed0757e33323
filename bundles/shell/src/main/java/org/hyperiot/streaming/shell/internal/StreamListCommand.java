package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.StreamManager;

/** {@code streaming:list}: every stream of the cluster with its state. */
@Service
@Command(scope = "streaming", name = "list", description = "Lists the streams of the cluster with their state, engine and delivery guarantee.")
public class StreamListCommand implements Action {

    @Reference
    StreamManager streams;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("No streams");
        table.column("Name");
        table.column("State");
        table.column("Engine");
        table.column("Guarantee");
        streams.list().forEach(stream -> table.addRow().addContent(stream.name(), stream.state(),
                stream.engine().jsonName(), stream.guarantee().jsonName()));
        table.print(System.out);
        return null;
    }
}
