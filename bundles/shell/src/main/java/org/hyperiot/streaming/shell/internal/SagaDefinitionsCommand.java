package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;

/** {@code saga:definitions}: every saga definition with its timeout and steps. */
@Service
@Command(scope = "saga", name = "definitions", description = "Lists the saga definitions of the cluster with their timeout and their steps in order, parallel groups in brackets.")
public class SagaDefinitionsCommand implements Action {

    @Reference(optional = true)
    SagaDefinitionRegistry definitions;

    @Override
    public Object execute() {
        if (definitions == null) {
            SagaCommandOutput.notInstalled();
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No saga definitions");
        table.column("Name");
        table.column("Timeout").alignRight();
        table.column("Steps").alignRight();
        table.column("Order");
        try {
            definitions.list().forEach(definition -> table.addRow().addContent(definition.name(),
                    SagaCommandOutput.duration(definition.timeout()), definition.steps().size(),
                    SagaCommandOutput.order(definition)));
        } catch (StreamingException e) {
            SagaCommandOutput.refused(e);
            return null;
        }
        table.print(System.out);
        return null;
    }
}
