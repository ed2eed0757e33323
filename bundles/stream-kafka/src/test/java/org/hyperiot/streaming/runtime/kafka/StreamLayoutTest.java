package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.TaskStage;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

/** Which partitions a stream reads and which stage each one's task runs. */
class StreamLayoutTest {

    private static StreamDefinition windowed(String keyBy) {
        return new StreamDefinitionReader().read("""
                {"name":"s","source":{"topics":["a","b"]},
                 "pipeline":[%s{"op":"window","type":"tumbling","size":"1s","aggregate":[{"fn":"count","as":"n"}]}],
                 "sink":{"topic":"out"}}""".formatted(keyBy));
    }

    private static Map<String, Integer> sources() {
        Map<String, Integer> sources = new LinkedHashMap<>();
        sources.put("a", 1);
        sources.put("b", 3);
        return sources;
    }

    @Test
    void aKeyByBeforeTheWindowReadsTheRepartitionTopicToo() {
        StreamLayout layout = StreamLayout.of(windowed("{\"op\":\"keyBy\",\"field\":\"site\"},"), sources(), 5);

        assertThat(layout.subscribedTopics()).containsExactly("a", "b", "hyperiot-stream-s-repartition");
        assertThat(layout.totalPartitions()).isEqualTo(9);
        assertThat(layout.stageOf(new TopicPartition("b", 2))).isEqualTo(TaskStage.ROUTING);
        assertThat(layout.stageOf(new TopicPartition("hyperiot-stream-s-repartition", 4))).isEqualTo(TaskStage.WINDOWING);
        assertThat(layout.keepsState(new TopicPartition("b", 2), true)).isFalse();
        assertThat(layout.keepsState(new TopicPartition("hyperiot-stream-s-repartition", 4), true)).isTrue();
        assertThat(layout.origins()).containsExactly(new SourcePartition("a", 0), new SourcePartition("b", 0),
                new SourcePartition("b", 1), new SourcePartition("b", 2));
        assertThat(layout.topicIndex("b")).isEqualTo(1);
        assertThat(layout.topicAt(1)).isEqualTo("b");
        assertThat(layout.topicAt(2)).isNull();
    }

    @Test
    void aSourcePartitionedKeyByOrNoneRunsInOneStage() {
        for (String keyBy : new String[] {"", "{\"op\":\"keyBy\",\"field\":\"site\",\"sourcePartitioned\":true},"}) {
            StreamLayout layout = StreamLayout.of(windowed(keyBy), sources(), 5);

            assertThat(layout.repartitions()).isFalse();
            assertThat(layout.subscribedTopics()).containsExactly("a", "b");
            assertThat(layout.totalPartitions()).isEqualTo(4);
            assertThat(layout.stageOf(new TopicPartition("a", 0))).isEqualTo(TaskStage.COMPLETE);
            assertThat(layout.keepsState(new TopicPartition("a", 0), true)).isTrue();
        }
    }
}
