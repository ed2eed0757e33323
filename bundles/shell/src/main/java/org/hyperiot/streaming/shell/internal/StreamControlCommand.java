package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamNotFoundException;

/**
 * Start, stop and restart: each records a request that the runtime carries out asynchronously, so the
 * command prints the state right after and leaves the rest to {@code streaming:info}.
 */
abstract class StreamControlCommand implements Action {

    @Reference
    StreamManager streams;

    @Argument(index = 0, name = "name", description = "The stream.", required = true)
    @Completion(StreamNameCompleter.class)
    String name;

    /** What the command asks of the manager. */
    abstract void request(StreamManager manager, String stream);

    /** The request in words, for example "start". */
    abstract String verb();

    @Override
    public Object execute() {
        try {
            request(streams, name);
            System.out.println(capitalised(verb()) + " requested for " + name + "; state now "
                    + streams.status(name).state());
        } catch (StreamNotFoundException e) {
            System.err.println("No stream named '" + name + "'");
        }
        return null;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
