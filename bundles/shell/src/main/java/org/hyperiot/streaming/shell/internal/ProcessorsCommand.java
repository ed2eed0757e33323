package org.hyperiot.streaming.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.StreamManager;

/** {@code streaming:processors}: the custom processors and aggregators streams can use right now. */
@Service
@Command(scope = "streaming", name = "processors", description = "Lists the custom processors and aggregators registered by bundles, with the bundle that provides each.")
public class ProcessorsCommand implements Action {

    @Reference
    StreamManager streams;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("No custom processors or aggregators registered");
        table.column("Name");
        table.column("Kind");
        table.column("Bundle");
        table.column("Version");
        streams.processors().forEach(processor -> table.addRow().addContent(processor.name(),
                processor.kind().name().toLowerCase(Locale.ROOT), processor.bundle(), processor.version()));
        table.print(System.out);
        return null;
    }
}
