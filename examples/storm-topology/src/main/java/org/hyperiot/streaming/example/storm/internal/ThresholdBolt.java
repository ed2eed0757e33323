package org.hyperiot.streaming.example.storm.internal;

import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseBasicBolt;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/**
 * Turns readings into alerts: a reading above the threshold becomes an alert on the default stream,
 * a record that is not a reading goes, with the reason, to the {@value #INVALID} stream, so nothing
 * read is dropped without a trace. Anchored and acked by {@link BaseBasicBolt}.
 */
final class ThresholdBolt extends BaseBasicBolt {

    private static final long serialVersionUID = 1L;

    /** The stream of records that are not readings. */
    static final String INVALID = "invalid";

    /** The fields of both output streams: the Kafka key and value the writer sends. */
    static final Fields OUTPUT = new Fields("key", "message");

    private final double threshold;

    ThresholdBolt(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        String value = input.getStringByField("value");
        Readings.Verdict verdict = Readings.check(value, threshold);
        verdict.alert().ifPresent(alert -> collector.emit(new Values(verdict.deviceId(), alert)));
        verdict.invalid().ifPresent(reason -> collector.emit(INVALID,
                new Values(input.getStringByField("key"), Readings.invalidRecord(reason, value))));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(OUTPUT);
        declarer.declareStream(INVALID, OUTPUT);
    }

    double threshold() {
        return threshold;
    }
}
