package org.hyperiot.streaming.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamSummary;
import org.hyperiot.streaming.api.StreamingException;

/** Completes the names of the cluster's streams; completes nothing while the stream runtime cannot list them. */
@Service
public class StreamNameCompleter implements Completer {

    @Reference
    StreamManager streams;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        try {
            streams.list().stream().map(StreamSummary::name).forEach(names.getStrings()::add);
        } catch (StreamingException e) {
            return -1;
        }
        return names.complete(session, commandLine, candidates);
    }
}
