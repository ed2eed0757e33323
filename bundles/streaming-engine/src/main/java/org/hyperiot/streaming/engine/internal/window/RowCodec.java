package org.hyperiot.streaming.engine.internal.window;

import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;
import org.hyperiot.streaming.engine.state.StateCodec;

/** Encodes a time window's row of accumulators. */
final class RowCodec implements StateCodec<Object[]> {

    private static final int VERSION = 1;

    private final Aggregates aggregates;

    RowCodec(Aggregates aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public byte[] encode(Object[] row) {
        StateWriter out = new StateWriter().writeInt(VERSION);
        aggregates.write(row, out);
        return out.toByteArray();
    }

    @Override
    public Object[] decode(byte[] bytes) {
        StateReader in = new StateReader(bytes);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalStateException("unknown window state version " + version);
        }
        return aggregates.read(in);
    }
}
