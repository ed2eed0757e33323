package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamNotFoundException;

/** {@code streaming:delete}: stops and removes a stream, and with {@code --purge-state} the Kafka resources it owns. */
@Service
@Command(scope = "streaming", name = "delete", description = "Stops and removes a stream. Its consumer group and internal topics stay unless --purge-state is given.")
public class StreamDeleteCommand implements Action {

    @Reference
    StreamManager streams;

    @Argument(index = 0, name = "name", description = "The stream.", required = true)
    @Completion(StreamNameCompleter.class)
    String name;

    @Option(name = "--purge-state", description = "Also delete the consumer group hyperiot-stream-<name> and the changelog topic hyperiot-stream-<name>-changelog: the stream's state and offsets are lost.")
    boolean purgeState;

    @Override
    public Object execute() {
        try {
            streams.delete(name, purgeState);
            System.out.println("Deleted stream " + name + (purgeState ? " and its state" : " (its state is kept)"));
        } catch (StreamNotFoundException e) {
            System.err.println("No stream named '" + name + "'");
        }
        return null;
    }
}
