package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.StreamManager;

/** {@code streaming:start}. */
@Service
@Command(scope = "streaming", name = "start", description = "Starts a stream, resuming from its last checkpoint; does nothing if it is running.")
public class StreamStartCommand extends StreamControlCommand {

    @Override
    void request(StreamManager manager, String stream) {
        manager.start(stream);
    }

    @Override
    String verb() {
        return "start";
    }
}
