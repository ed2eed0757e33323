package org.hyperiot.streaming.engine.internal.window;

/** Windows {@code [n*size, (n+1)*size)}: exactly one per timestamp. */
final class TumblingWindowAssigner implements TimeWindowAssigner {

    private final long size;

    TumblingWindowAssigner(long size) {
        this.size = size;
    }

    @Override
    public int assign(long timestamp, long[] starts) {
        starts[0] = Math.floorDiv(timestamp, size) * size;
        return 1;
    }

    @Override
    public int maxWindowsPerRecord() {
        return 1;
    }

    @Override
    public long size() {
        return size;
    }
}
