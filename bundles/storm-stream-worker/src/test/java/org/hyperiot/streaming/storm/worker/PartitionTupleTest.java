package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.apache.storm.task.GeneralTopologyContext;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.TupleImpl;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

class PartitionTupleTest {

    @Test
    void theReadersGiveBackWhatTheValuesHoldByNameAndPosition() {
        List<BatchRecord> records = List.of(new BatchRecord(12, 99, null, new byte[] {1}, List.of()));
        List<Object> values = PartitionTuple.values(5, 2, 10, 13, RecordBatch.encode(records));
        Tuple tuple = spoutTuple(values);

        assertThat(PartitionTuple.partition(tuple)).isEqualTo(5);
        assertThat(PartitionTuple.epoch(tuple)).isEqualTo(2);
        assertThat(PartitionTuple.from(tuple)).isEqualTo(10);
        assertThat(PartitionTuple.to(tuple)).isEqualTo(13);
        assertThat(PartitionTuple.records(tuple)).isEqualTo(records);
        assertThat(PartitionTuple.range(tuple)).isEqualTo(new TupleRange(5, 2, 10, 13));
        assertThat(tuple.getIntegerByField(PartitionTuple.PARTITION)).isEqualTo(5);
        assertThat(tuple.getLongByField(PartitionTuple.TO)).isEqualTo(13);
        assertThat(PartitionTuple.FIELDS.fieldIndex(PartitionTuple.RECORDS)).isEqualTo(PartitionTuple.RECORDS_POSITION);
        assertThat(PartitionTuple.FIELDS.fieldIndex(PartitionTuple.EPOCH)).isEqualTo(PartitionTuple.EPOCH_POSITION);
    }

    @Test
    void theGroupingFindsThePartitionInTheValues() {
        SourcePartitionGrouping grouping = new SourcePartitionGrouping();
        grouping.prepare(null, null, List.of(10, 11, 12));

        assertThat(grouping.chooseTasks(1, PartitionTuple.values(4, 0, 0, 1, new byte[0]))).containsExactly(11);
    }

    private static Tuple spoutTuple(List<Object> values) {
        GeneralTopologyContext context = new GeneralTopologyContext(new StormTopology(), Map.of(), Map.of(1, "spout"),
                Map.of("spout", List.of(1)), Map.of("spout", Map.of(Utils.DEFAULT_STREAM_ID, PartitionTuple.FIELDS)),
                "stream-test-1-1");
        return new TupleImpl(context, values, "spout", 1, Utils.DEFAULT_STREAM_ID);
    }
}
