package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.StreamManager;

/** {@code streaming:stop}. */
@Service
@Command(scope = "streaming", name = "stop", description = "Stops a stream after checkpointing it; does nothing if it is stopped.")
public class StreamStopCommand extends StreamControlCommand {

    @Override
    void request(StreamManager manager, String stream) {
        manager.stop(stream);
    }

    @Override
    String verb() {
        return "stop";
    }
}
