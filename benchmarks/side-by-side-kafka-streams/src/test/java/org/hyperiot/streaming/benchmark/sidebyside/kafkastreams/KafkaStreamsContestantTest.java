package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaStreamsContestantTest {

    private static StreamsConfig configFor(String... extra) {
        List<String> args = new ArrayList<>(ContestantOptionsTest.COMPLETE);
        args.addAll(List.of(extra));
        Properties properties = KafkaStreamsContestant.streamsConfig(ContestantOptions.parse(args.toArray(String[]::new)));
        return new StreamsConfig(properties);
    }

    @Test
    void theCommandLineBecomesAValidStreamsConfig() {
        StreamsConfig config = configFor();

        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("contest-1");
        assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).containsExactly("127.0.0.1:39392");
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
        assertThat(config.getString(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("state");
        assertThat(config.getMainConsumerConfigs("g", "c", 0)).containsEntry("auto.offset.reset", "earliest");
        assertThat(config.defaultValueSerde()).isInstanceOf(JsonNodeSerde.class);
        // Internal topics (the changelogs) accept the end marker's far-future timestamp.
        assertThat(config.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
                .containsEntry("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
    }

    @Test
    void atLeastOnceIsKafkaStreamsAtLeastOnce() {
        StreamsConfig config = new StreamsConfig(KafkaStreamsContestant.streamsConfig(ContestantOptions.parse(
                ContestantOptionsTest.COMPLETE.stream()
                        .map(arg -> arg.equals("exactly-once") ? "at-least-once" : arg)
                        .toArray(String[]::new))));

        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void propertiesOverrideWhatTheContestantSets() {
        StreamsConfig config = configFor("--property", "commit.interval.ms=250",
                "--property", "statestore.cache.max.bytes=0");

        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
        assertThat(config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isZero();
    }
}
