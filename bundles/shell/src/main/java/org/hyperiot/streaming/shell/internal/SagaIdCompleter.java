package org.hyperiot.streaming.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaSummary;

/**
 * Completes the ids of the newest sagas (the first page of {@code saga:list}); completes nothing
 * without the coordinator or while it cannot list them.
 */
@Service
public class SagaIdCompleter implements Completer {

    /** How many of the newest sagas are offered: enough for the ones an operator is looking at. */
    static final int NEWEST = 100;

    @Reference(optional = true)
    SagaCoordinator sagas;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (sagas == null) {
            return -1;
        }
        StringsCompleter ids = new StringsCompleter();
        try {
            sagas.list(SagaFilter.all(), null, NEWEST).sagas().stream().map(SagaSummary::id)
                    .forEach(ids.getStrings()::add);
        } catch (StreamingException e) {
            return -1;
        }
        return ids.complete(session, commandLine, candidates);
    }
}
