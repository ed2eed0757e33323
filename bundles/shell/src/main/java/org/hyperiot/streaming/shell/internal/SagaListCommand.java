package org.hyperiot.streaming.shell.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;

/** {@code saga:list}: a page of sagas, newest first, filtered by state and definition. */
@Service
@Command(scope = "saga", name = "list", description = "Lists sagas, newest first: id, definition, state, when created and last updated, and why it is compensating or failed to compensate.")
public class SagaListCommand implements Action {

    /** The most sagas one page may hold, as in the REST API. */
    static final int MAX_LIMIT = 500;

    // Optional: without the coordinator the command says how to get it instead of not existing.
    @Reference(optional = true)
    SagaCoordinator sagas;

    @Option(name = "--state", aliases = "-s", description = "Only sagas in this state: RUNNING, COMPENSATING, COMPLETED, COMPENSATED or FAILED_TO_COMPENSATE.")
    @Completion(value = StringsCompleter.class, values = {"RUNNING", "COMPENSATING", "COMPLETED", "COMPENSATED", "FAILED_TO_COMPENSATE"})
    String state;

    @Option(name = "--definition", aliases = "-d", description = "Only sagas of this definition.")
    @Completion(SagaDefinitionNameCompleter.class)
    String definition;

    @Option(name = "--limit", aliases = "-n", description = "The most sagas to show, 1 to 500 (default 100).")
    int limit = 100;

    @Option(name = "--page-token", description = "The token printed under the page before, for the next page.")
    String pageToken;

    @Override
    public Object execute() {
        if (sagas == null) {
            SagaCommandOutput.notInstalled();
            return null;
        }
        SagaState wanted;
        try {
            wanted = state == null ? null : SagaState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("No state '" + state + "'; a saga is " + Arrays.stream(SagaState.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            System.err.println("--limit is from 1 to " + MAX_LIMIT + ", not " + limit);
            return null;
        }
        SagaPage page;
        try {
            page = sagas.list(SagaFilter.all().withState(wanted).withDefinition(definition), pageToken, limit);
        } catch (IllegalArgumentException e) {
            System.err.println("That page token is not one saga:list printed for these filters; leave it out for "
                    + "the first page");
            return null;
        } catch (StreamingException e) {
            SagaCommandOutput.refused(e);
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No sagas");
        table.column("Id");
        table.column("Definition");
        table.column("State");
        table.column("Created");
        table.column("Updated");
        table.column("Error");
        page.sagas().forEach(saga -> table.addRow().addContent(saga.id(), saga.definition(), saga.state(),
                SagaCommandOutput.time(saga.createdAt()), SagaCommandOutput.time(saga.updatedAt()),
                SagaCommandOutput.cell(saga.error())));
        table.print(System.out);
        if (page.hasNextPage()) {
            System.out.println("More sagas follow: add --page-token " + page.nextPageToken());
        }
        return null;
    }
}
