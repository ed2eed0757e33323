package org.hyperiot.streaming.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;

/** Completes the names of the saga definitions; completes nothing without the coordinator or while it cannot list them. */
@Service
public class SagaDefinitionNameCompleter implements Completer {

    @Reference(optional = true)
    SagaDefinitionRegistry definitions;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (definitions == null) {
            return -1;
        }
        StringsCompleter names = new StringsCompleter();
        try {
            definitions.list().stream().map(SagaDefinition::name).forEach(names.getStrings()::add);
        } catch (StreamingException e) {
            return -1;
        }
        return names.complete(session, commandLine, candidates);
    }
}
