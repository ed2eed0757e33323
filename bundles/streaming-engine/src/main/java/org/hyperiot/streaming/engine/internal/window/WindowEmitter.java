package org.hyperiot.streaming.engine.internal.window;

import org.hyperiot.streaming.api.StreamRecord;

/** Where a window operator sends what it produces. */
public interface WindowEmitter {

    /** A window result. */
    void result(StreamRecord result);

    /** A record that was too late for every window it belongs to. */
    void late(StreamRecord record, String reason);
}
