package org.hyperiot.streaming.localstorm.sample;

import java.util.Map;

import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichSpout;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Values;

/** Emits 1, 2, 3, … at a bounded rate (two cores are shared with everything else). */
public class CountingSpout extends BaseRichSpout {

    private static final long serialVersionUID = 1L;
    private static final long NANOS_BETWEEN_TUPLES = 5_000_000L;

    private transient SpoutOutputCollector collector;
    private long next;
    private long due;

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.due = System.nanoTime();
    }

    @Override
    public void nextTuple() {
        // Returning without emitting lets Storm's spout wait strategy sleep instead of spinning.
        if (System.nanoTime() - due >= 0) {
            collector.emit(new Values(++next));
            due += NANOS_BETWEEN_TUPLES;
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("n"));
    }
}
