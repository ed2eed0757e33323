package org.hyperiot.streaming.storm.worker;

/**
 * A spout tuple's message id: the positions of one source partition it carries, {@code from} inclusive
 * (the position reading was at) to {@code to} exclusive (the offset after its last record), so that the
 * ranges of a partition follow one another without a hole even where Kafka's offsets skip (transaction
 * markers, compacted records). The epoch names the partition's rewind it was emitted in: an
 * acknowledgement or failure of an earlier epoch's tuple is stale.
 *
 * @param partition the source partition (its global index, {@link SourcePartitions})
 * @param epoch     how many times the partition had been rewound when the tuple was emitted
 * @param from      the first position the tuple covers
 * @param to        the position after the last one it covers
 */
public record TupleRange(int partition, int epoch, long from, long to) {

    /** @throws IllegalArgumentException unless the range covers at least one position */
    public TupleRange {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a tuple covers at least one position: [" + from + ", " + to + ")");
        }
    }
}
