package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.storm.topology.OutputFieldsGetter;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;

class PartitionSpoutTest {

    private final SpoutSettings settings =
            new SpoutSettings("orders", List.of("orders-in"), "earliest", "at-least-once", 1, 500);

    @Test
    void theConsumerTakesTheSecretsFromTheCredentialsAndTheRestFromTheConfiguration() {
        PartitionSpout spout = new PartitionSpout(settings);
        spout.setCredentials(Map.of("stream.kafka.sasl.jaas.config", "the real one"));

        Map<String, Object> config = spout.consumerConfig(Map.of(KafkaClientSettings.CLIENTS,
                Map.of("bootstrap.servers", "k:9092", "sasl.jaas.config", "a placeholder")), 1);

        assertThat(config)
                .containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("sasl.jaas.config", "the real one")
                .containsEntry("group.id", "hyperiot-stream-orders")
                .containsEntry("client.id", "hyperiot-stream-orders-spout-1");
    }

    @Test
    void withoutCredentialsTheConfigurationAlone() {
        PartitionSpout spout = new PartitionSpout(settings);

        assertThat(spout.consumerConfig(Map.of(KafkaClientSettings.CLIENTS, Map.of("bootstrap.servers", "k:9092")), 0))
                .containsEntry("bootstrap.servers", "k:9092");
    }

    @Test
    void theSpoutTravelsInTheSerializedTopologyAndDeclaresTheTupleFields() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new PartitionSpout(settings));
        }
        PartitionSpout copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PartitionSpout) in.readObject();
        }
        OutputFieldsGetter declared = new OutputFieldsGetter();
        copy.declareOutputFields(declared);

        assertThat(copy.settings()).isEqualTo(settings);
        assertThat(declared.getFieldsDeclaration().get(Utils.DEFAULT_STREAM_ID).get_output_fields())
                .isEqualTo(PartitionTuple.FIELDS.toList());
    }
}
