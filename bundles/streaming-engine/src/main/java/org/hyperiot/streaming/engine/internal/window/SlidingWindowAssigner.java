package org.hyperiot.streaming.engine.internal.window;

/** Windows {@code [n*slide, n*slide + size)}: every one whose range covers the timestamp. */
final class SlidingWindowAssigner implements TimeWindowAssigner {

    private final long size;
    private final long slide;

    SlidingWindowAssigner(long size, long slide) {
        this.size = size;
        this.slide = slide;
    }

    @Override
    public int assign(long timestamp, long[] starts) {
        long lastStart = Math.floorDiv(timestamp, slide) * slide;
        long firstStart = lastStart;
        while (firstStart - slide > timestamp - size) {
            firstStart -= slide;
        }
        int count = 0;
        for (long start = firstStart; start <= lastStart; start += slide) {
            starts[count++] = start;
        }
        return count;
    }

    @Override
    public int maxWindowsPerRecord() {
        return (int) ((size + slide - 1) / slide);
    }

    @Override
    public long size() {
        return size;
    }
}
