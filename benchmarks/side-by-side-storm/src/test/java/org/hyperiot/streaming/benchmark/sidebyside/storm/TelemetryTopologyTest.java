package org.hyperiot.streaming.benchmark.sidebyside.storm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.storm.Config;
import org.apache.storm.generated.Bolt;
import org.apache.storm.generated.GlobalStreamId;
import org.apache.storm.generated.Grouping;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.kafka.spout.FirstPollOffsetStrategy;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.kafka.spout.KafkaSpoutConfig.ProcessingGuarantee;
import org.junit.jupiter.api.Test;

class TelemetryTopologyTest {

    private final ContestantOptions options = ContestantOptionsTest.complete();

    @Test
    void runsSpoutFilterAndWriterWithTheParallelismOfEveryContestantInOneWorker() {
        StormTopology topology = TelemetryTopology.build(options);

        assertThat(topology.get_spouts()).containsOnlyKeys(TelemetryTopology.SPOUT);
        assertThat(topology.get_spouts().get(TelemetryTopology.SPOUT).get_common().get_parallelism_hint()).isEqualTo(2);
        assertThat(topology.get_bolts()).containsOnlyKeys(TelemetryTopology.FILTER, TelemetryTopology.WRITER);
        assertThat(inputOf(topology.get_bolts().get(TelemetryTopology.FILTER))).containsOnlyKeys(
                new GlobalStreamId(TelemetryTopology.SPOUT, "default"));
        assertThat(inputOf(topology.get_bolts().get(TelemetryTopology.WRITER))).containsOnlyKeys(
                new GlobalStreamId(TelemetryTopology.FILTER, "default"));
        assertThat(topology.get_bolts().values()).allSatisfy(
                bolt -> assertThat(bolt.get_common().get_parallelism_hint()).isEqualTo(2));

        Map<String, Object> configuration = TelemetryTopology.configuration(options);
        assertThat(configuration).containsEntry(Config.TOPOLOGY_WORKERS, 1)
                .containsEntry(Config.TOPOLOGY_MAX_SPOUT_PENDING, 20_000);
        // Only the topology's own keys: Nimbus, ZooKeeper and the workers keep the cluster's settings.
        assertThat(configuration.keySet()).allMatch(key -> key.startsWith("topology."));
    }

    @Test
    void theSpoutCommitsAckedOffsetsToTheRunsGroupEveryCommitInterval() {
        KafkaSpoutConfig<byte[], byte[]> spout = TelemetryTopology.spoutConfig(options);

        assertThat(spout.getProcessingGuarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
        assertThat(spout.getConsumerGroupId()).isEqualTo("storm-stateless-alo");
        assertThat(spout.getOffsetsCommitPeriodMs()).isEqualTo(100);
        assertThat(spout.getFirstPollOffsetStrategy()).isEqualTo(FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST);
        assertThat(spout.getKafkaProps())
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:39392")
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        assertThat(spout.getTranslator().getFieldsFor("default").toList()).containsExactly("key", "value");
    }

    @Test
    void theWriterWaitsForEveryReplicaAndCompressesLikeEveryContestant() {
        assertThat(TelemetryTopology.producerProperties(options))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:39392");
    }

    private static Map<GlobalStreamId, Grouping> inputOf(Bolt bolt) {
        return bolt.get_common().get_inputs();
    }
}
