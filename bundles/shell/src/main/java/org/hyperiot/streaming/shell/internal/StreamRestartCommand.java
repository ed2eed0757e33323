package org.hyperiot.streaming.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.StreamManager;

/** {@code streaming:restart}. */
@Service
@Command(scope = "streaming", name = "restart", description = "Stops and starts a stream again, for example to leave state FAILED.")
public class StreamRestartCommand extends StreamControlCommand {

    @Override
    void request(StreamManager manager, String stream) {
        manager.restart(stream);
    }

    @Override
    String verb() {
        return "restart";
    }
}
