package org.hyperiot.streaming.storm.worker;

import java.util.ArrayList;
import java.util.List;

import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;

/**
 * The tuples of the partition spout: {@code [partition, epoch, from, to, records]}.
 *
 * <ul>
 *   <li>{@code partition} ({@code int}): the source partition's global index ({@link SourcePartitions}),
 *       the first value, as {@link SourcePartitionGrouping} needs;</li>
 *   <li>{@code epoch} ({@code int}): how many times the spout had rewound the partition when it emitted
 *       the tuple;</li>
 *   <li>{@code from} ({@code long}): the partition's position before these records;</li>
 *   <li>{@code to} ({@code long}): the offset after the last of them (exclusive end);</li>
 *   <li>{@code records} ({@code byte[]}): the records, one in native mode, several in micro-batch, as
 *       {@link RecordBatch} encodes them.</li>
 * </ul>
 *
 * <p>The tuples of one partition and epoch follow one another without a hole: a tuple's {@code from} is
 * the previous tuple's {@code to}, even where Kafka's offsets skip (transaction markers, compacted
 * records), so that a receiver can tell a lost tuple from a skip in the offsets.
 */
public final class PartitionTuple {

    /** Name of the global index of the source partition. */
    public static final String PARTITION = "partition";
    /** Name of the partition's rewind count. */
    public static final String EPOCH = "epoch";
    /** Name of the position the tuple starts at. */
    public static final String FROM = "from";
    /** Name of the position after the tuple's last record. */
    public static final String TO = "to";
    /** Name of the encoded records. */
    public static final String RECORDS = "records";

    /** Position of {@value #PARTITION} among the values. */
    public static final int PARTITION_POSITION = 0;
    /** Position of {@value #EPOCH} among the values. */
    public static final int EPOCH_POSITION = 1;
    /** Position of {@value #FROM} among the values. */
    public static final int FROM_POSITION = 2;
    /** Position of {@value #TO} among the values. */
    public static final int TO_POSITION = 3;
    /** Position of {@value #RECORDS} among the values. */
    public static final int RECORDS_POSITION = 4;

    /** The spout's output fields, in the order of the values. */
    public static final Fields FIELDS = new Fields(PARTITION, EPOCH, FROM, TO, RECORDS);

    private PartitionTuple() {
    }

    /** The values of a tuple, in the order of {@link #FIELDS}. */
    public static List<Object> values(int partition, int epoch, long from, long to, byte[] records) {
        List<Object> values = new ArrayList<>(5);
        values.add(partition);
        values.add(epoch);
        values.add(from);
        values.add(to);
        values.add(records);
        return values;
    }

    /** The global index of the tuple's source partition. */
    public static int partition(Tuple tuple) {
        return tuple.getInteger(PARTITION_POSITION);
    }

    /** The partition's rewind count when the tuple was emitted. */
    public static int epoch(Tuple tuple) {
        return tuple.getInteger(EPOCH_POSITION);
    }

    /** The partition's position before the tuple's records. */
    public static long from(Tuple tuple) {
        return tuple.getLong(FROM_POSITION);
    }

    /** The offset after the tuple's last record. */
    public static long to(Tuple tuple) {
        return tuple.getLong(TO_POSITION);
    }

    /** The tuple's records as {@link RecordBatch} encoded them. */
    public static byte[] encodedRecords(Tuple tuple) {
        return tuple.getBinary(RECORDS_POSITION);
    }

    /**
     * The tuple's records, decoded.
     *
     * @throws IllegalArgumentException if the records are not a {@link RecordBatch}
     */
    public static List<BatchRecord> records(Tuple tuple) {
        return RecordBatch.decode(encodedRecords(tuple));
    }

    /** The positions the tuple covers, as the spout's message id names them. */
    public static TupleRange range(Tuple tuple) {
        return new TupleRange(partition(tuple), epoch(tuple), from(tuple), to(tuple));
    }
}
