package org.hyperiot.streaming.benchmark.sidebyside.storm;

import java.io.IOException;
import java.util.Map;

import org.apache.storm.kafka.bolt.mapper.FieldNameBasedTupleToKafkaMapper;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps the plausible readings and projects them ({@link PlausibleReadingProjection}), passing the
 * record's key through. A basic bolt: each output is anchored to its input, and the input is acked
 * once {@code execute} returns, so a reading the filter drops is done at once and a kept one when the
 * writer has acked its output. Emits the fields {@link FieldNameBasedTupleToKafkaMapper} reads by
 * default.
 */
public final class FilterProjectBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    /** The field of the Kafka key, as storm-kafka-client's mapper names it by default. */
    public static final String KEY = FieldNameBasedTupleToKafkaMapper.BOLT_KEY;
    /** The field of the Kafka value, as storm-kafka-client's mapper names it by default. */
    public static final String MESSAGE = FieldNameBasedTupleToKafkaMapper.BOLT_MESSAGE;

    private transient PlausibleReadingProjection projection;

    @Override
    public void prepare(Map<String, Object> topologyConfiguration, TopologyContext context) {
        projection = new PlausibleReadingProjection(new ObjectMapper());
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        byte[] projected;
        try {
            projected = projection.apply(input.getBinaryByField(TelemetryTopology.VALUE));
        } catch (IOException e) {
            // Failing the tuple replays it; the error shows in the topology's last error, where the
            // benchmark looks for it: the input of this benchmark is never malformed.
            throw new ReportedFailedException("not JSON", e);
        }
        if (projected != null) {
            collector.emit(new Values(input.getValueByField(TelemetryTopology.KEY), projected));
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(KEY, MESSAGE));
    }
}
