package org.hyperiot.streaming.storm.worker;

import java.util.TreeMap;

/**
 * What the partition spout knows of one source partition: the position reading is at, the tuples
 * emitted and not acknowledged yet, and how far the acknowledgements reach without a gap (the offset
 * the partition may be committed at).
 *
 * <p>A failed tuple rewinds the <em>whole</em> partition to that offset: every tuple emitted after it is
 * forgotten (their acknowledgements and failures, still to come, are stale), and reading starts again
 * there, so the engine bolt sees the partition's records again in their order and never a later one
 * before an earlier one, which event-time windows and watermarks need. Storm's own {@code KafkaSpout}
 * retries a single tuple instead, out of order.
 *
 * <p>Not thread-safe: a spout's methods all run on its executor's thread.
 */
public final class PartitionProgress {

    private final int partition;
    /** Every position below this one is acknowledged. */
    private long acknowledgedUpTo;
    /** Where the next tuple starts. */
    private long position;
    private int epoch;
    /** Tuples emitted in this epoch and not acknowledged: from → to. */
    private final TreeMap<Long, Long> inFlight = new TreeMap<>();
    /** Tuples of this epoch acknowledged while an earlier one is still in flight: from → to. */
    private final TreeMap<Long, Long> acknowledgedAhead = new TreeMap<>();

    /**
     * @param partition the source partition (its global index, {@link SourcePartitions})
     * @param committed the partition's committed offset, where reading starts
     */
    public PartitionProgress(int partition, long committed) {
        if (committed < 0) {
            throw new IllegalArgumentException("offset " + committed);
        }
        this.partition = partition;
        this.acknowledgedUpTo = committed;
        this.position = committed;
    }

    /**
     * Notes a tuple emitted with the records read from the current position up to {@code to}
     * (exclusive: the consumer's position after them).
     *
     * @return the tuple's message id
     */
    public TupleRange emitted(long to) {
        TupleRange range = new TupleRange(partition, epoch, position, to);
        inFlight.put(range.from(), range.to());
        position = to;
        return range;
    }

    /**
     * Notes an acknowledgement. Stale ones (of a tuple emitted before the last rewind, or acknowledged
     * already) change nothing.
     *
     * @return whether it moved the offset the partition may be committed at
     */
    public boolean acknowledged(TupleRange range) {
        if (range.epoch() != epoch || !inFlight.remove(range.from(), range.to())) {
            return false;
        }
        acknowledgedAhead.put(range.from(), range.to());
        long before = acknowledgedUpTo;
        Long next;
        while ((next = acknowledgedAhead.remove(acknowledgedUpTo)) != null) {
            acknowledgedUpTo = next;
        }
        return acknowledgedUpTo != before;
    }

    /**
     * Notes a failure: unless it is stale, the partition is rewound to the acknowledged offset and every
     * tuple emitted since is forgotten.
     *
     * @return whether the partition was rewound, so that the spout seeks its consumer to {@link #position()}
     */
    public boolean failed(TupleRange range) {
        if (range.epoch() != epoch || !inFlight.containsKey(range.from())) {
            return false;
        }
        epoch++;
        inFlight.clear();
        acknowledgedAhead.clear();
        position = acknowledgedUpTo;
        return true;
    }

    /** The offset the partition may be committed at: every record before it was acknowledged. */
    public long committable() {
        return acknowledgedUpTo;
    }

    /** Where the next tuple starts: the position to read from. */
    public long position() {
        return position;
    }

    /** How many rewinds the partition went through. */
    public int epoch() {
        return epoch;
    }

    /** Tuples emitted and neither acknowledged nor forgotten by a rewind. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The source partition (its global index, {@link SourcePartitions}). */
    public int partition() {
        return partition;
    }
}
