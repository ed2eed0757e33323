package org.hyperiot.streaming.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code saga:info}: one saga with its data, its steps and its history. */
@Service
@Command(scope = "saga", name = "info", description = "Shows a saga: its state, deadline and error, its data, every step with its attempts and last error, and its history.")
public class SagaInfoCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference(optional = true)
    SagaCoordinator sagas;

    @Argument(index = 0, name = "id", description = "The saga's id.", required = true)
    @Completion(SagaIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        if (sagas == null) {
            SagaCommandOutput.notInstalled();
            return null;
        }
        SagaInfo saga;
        try {
            saga = sagas.get(id);
        } catch (StreamingException e) {
            SagaCommandOutput.refused(e);
            return null;
        }
        line("Saga", saga.id());
        line("Definition", saga.definition());
        line("State", saga.state());
        line("Created", SagaCommandOutput.time(saga.createdAt()));
        line("Updated", SagaCommandOutput.time(saga.updatedAt()));
        line("Deadline", SagaCommandOutput.time(saga.deadline()));
        if (saga.error() != null) {
            line("Error", saga.error());
        }
        System.out.println();
        System.out.println("Data");
        System.out.println(data(saga));
        System.out.println();

        ShellTable steps = new ShellTable().emptyTableText("No steps");
        steps.column("Step");
        steps.column("Participant");
        steps.column("State");
        steps.column("Attempts").alignRight();
        steps.column("Compensations").alignRight();
        steps.column("Last error");
        saga.steps().forEach(step -> steps.addRow().addContent(step.name(), step.participant(), step.state(),
                step.attempts(), step.compensationAttempts(), SagaCommandOutput.cell(step.lastError())));
        steps.print(System.out);
        System.out.println();

        ShellTable history = new ShellTable().emptyTableText("No history");
        history.column("At");
        history.column("Event");
        history.column("Step");
        history.column("Attempt").alignRight();
        history.column("Detail");
        saga.history().forEach(entry -> history.addRow().addContent(SagaCommandOutput.time(entry.at()), entry.kind(),
                entry.step() == null ? "-" : entry.step(), entry.attempt() == 0 ? "-" : entry.attempt(),
                SagaCommandOutput.cell(entry.detail())));
        history.print(System.out);
        return null;
    }

    private static String data(SagaInfo saga) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(saga.data());
        } catch (JsonProcessingException e) {
            // Saga data holds JSON values only; anything else is shown as Java sees it rather than not at all.
            return String.valueOf(saga.data());
        }
    }

    private static void line(String label, Object value) {
        System.out.printf(Locale.ROOT, "%-15s%s%n", label, value);
    }
}
