package org.hyperiot.streaming.example.storm.internal;

import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.apache.storm.topology.TopologyBuilder;
import org.apache.storm.tuple.Fields;
import org.apache.storm.utils.Utils;

/**
 * The example topology:
 *
 * <pre>
 *   readings (KafkaSpout on the input topic)
 *     → threshold (shuffle; alert above the threshold, or the reason a record is not a reading)
 *     → writer (alerts to the output topic keyed by device, invalid records to the invalid topic)
 * </pre>
 */
final class AlertsTopology {

    static final String SPOUT = "readings";
    static final String THRESHOLD = "threshold";
    static final String WRITER = "writer";

    private AlertsTopology() {
    }

    /** What the topology is made of, all of it shown to anyone who can read the topology. */
    record Settings(KafkaClientSettings kafka, String inputTopic, String outputTopic, String invalidTopic,
            String consumerGroup, double threshold, int thresholdExecutors) {
    }

    static StormTopology build(Settings settings) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout(SPOUT, new ReadingsSpout(settings.kafka(), settings.inputTopic(), settings.consumerGroup()), 1);
        builder.setBolt(THRESHOLD, new ThresholdBolt(settings.threshold()), settings.thresholdExecutors())
                .shuffleGrouping(SPOUT);
        builder.setBolt(WRITER, new KafkaWriterBolt(settings.kafka(), Map.of(
                        Utils.DEFAULT_STREAM_ID, settings.outputTopic(),
                        ThresholdBolt.INVALID, settings.invalidTopic())), 1)
                // By key, so that one device's alerts keep their order if the writer gets more executors.
                .fieldsGrouping(THRESHOLD, new Fields("key"))
                .fieldsGrouping(THRESHOLD, ThresholdBolt.INVALID, new Fields("key"));
        return builder.createTopology();
    }
}
