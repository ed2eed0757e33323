package org.hyperiot.streaming.kafka.internal.subscription;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The acknowledgement state of one partition of one subscription: which delivered offsets are still
 * outstanding, and the offset that may be committed. The committable offset is one past the highest
 * delivered offset that, together with every earlier delivered offset, has been acknowledged.
 * Delivery happens on the consumer thread; acknowledgements may come from any thread, in any order.
 */
final class PartitionAcknowledgements {

    private static final long NONE = -1;

    /** Delivered offsets above the acknowledged prefix, mapped to whether each was acknowledged. */
    private final TreeMap<Long, Boolean> outstanding = new TreeMap<>();
    private long highestDelivered = NONE;
    private long committable = NONE;
    private long committed = NONE;

    /** Records that the record at {@code offset} was handed to the subscriber. */
    synchronized void delivered(long offset) {
        // Offsets need not be contiguous (compaction, transaction markers); a rewind (offset reset)
        // re-delivers records already known here, which keep their state.
        if (offset > highestDelivered) {
            highestDelivered = offset;
            outstanding.put(offset, Boolean.FALSE);
        }
    }

    /** Marks the record at {@code offset} as processed; unknown or already acknowledged offsets are ignored. */
    synchronized void acknowledge(long offset) {
        if (!outstanding.containsKey(offset)) {
            return;
        }
        outstanding.put(offset, Boolean.TRUE);
        Map.Entry<Long, Boolean> first = outstanding.firstEntry();
        while (first != null && first.getValue()) {
            committable = first.getKey() + 1;
            outstanding.pollFirstEntry();
            first = outstanding.firstEntry();
        }
    }

    /** The offset to commit next, if acknowledgements moved it past what was last committed. */
    synchronized OptionalLong uncommitted() {
        return committable > committed ? OptionalLong.of(committable) : OptionalLong.empty();
    }

    /** Records that {@code offset} was committed for this partition. */
    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Delivered records not yet covered by the committable offset. */
    synchronized int outstandingCount() {
        return outstanding.size();
    }
}
