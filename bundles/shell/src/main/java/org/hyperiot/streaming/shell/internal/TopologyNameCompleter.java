package org.hyperiot.streaming.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.api.storm.TopologyService;

/** Completes the names of the Storm cluster's topologies; completes nothing while Nimbus does not answer. */
@Service
public class TopologyNameCompleter implements Completer {

    @Reference
    TopologyService topologies;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        try {
            topologies.list().stream().map(TopologySummary::name).forEach(names.getStrings()::add);
        } catch (StormException e) {
            return -1;
        }
        return names.complete(session, commandLine, candidates);
    }
}
