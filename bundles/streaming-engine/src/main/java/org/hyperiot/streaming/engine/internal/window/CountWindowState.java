package org.hyperiot.streaming.engine.internal.window;

import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;
import org.hyperiot.streaming.engine.state.StateCodec;

/** The count windows of one key: how many records it has had, and the windows still filling. */
final class CountWindowState {

    /** One window still filling: the index of its first record and what it holds so far. */
    static final class Slot {
        final long firstIndex;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        Object[] row;

        Slot(long firstIndex, Object[] row) {
            this.firstIndex = firstIndex;
            this.row = row;
        }
    }

    long seen;
    final List<Slot> open = new ArrayList<>(2);

    static final class Codec implements StateCodec<CountWindowState> {

        private static final int VERSION = 1;
        private final Aggregates aggregates;

        Codec(Aggregates aggregates) {
            this.aggregates = aggregates;
        }

        @Override
        public byte[] encode(CountWindowState state) {
            StateWriter out = new StateWriter().writeInt(VERSION).writeLong(state.seen).writeInt(state.open.size());
            for (Slot slot : state.open) {
                out.writeLong(slot.firstIndex).writeLong(slot.minTime).writeLong(slot.maxTime);
                aggregates.write(slot.row, out);
            }
            return out.toByteArray();
        }

        @Override
        public CountWindowState decode(byte[] bytes) {
            StateReader in = new StateReader(bytes);
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("unknown count window state version " + version);
            }
            CountWindowState state = new CountWindowState();
            state.seen = in.readLong();
            int slots = in.readInt();
            for (int i = 0; i < slots; i++) {
                long firstIndex = in.readLong();
                long minTime = in.readLong();
                long maxTime = in.readLong();
                Slot slot = new Slot(firstIndex, aggregates.read(in));
                slot.minTime = minTime;
                slot.maxTime = maxTime;
                state.open.add(slot);
            }
            return state;
        }
    }
}
