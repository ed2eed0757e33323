package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.runtime.kafka.KafkaUnavailableException;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.junit.jupiter.api.Test;

class OutputTransactionsTest {

    private static final StreamDefinition STREAM = new StreamDefinitionReader().read("""
            {"name":"s","guarantee":"exactly-once","source":{"topics":["in"]},"pipeline":[],
             "sink":{"topic":"out"},"deadLetter":{"topic":"dlq"}}""");

    private final Map<String, List<PartitionInfo>> topics = new HashMap<>();
    private final List<Collection<TopicPartition>> checked = new ArrayList<>();

    private OutputTransactions outputs(boolean checksHanging) {
        return new OutputTransactions(STREAM, StreamLayout.direct(Map.of("in", 1)), topics::get, checked::add,
                checksHanging, Duration.ofSeconds(10));
    }

    private void topic(String name, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            infos.add(new PartitionInfo(name, partition, null, null, null));
        }
        topics.put(name, infos);
    }

    @Test
    void areThePartitionsOfTheSinkAndDeadLetterTopicsLookedUpOnce() {
        topic("out", 2);
        topic("dlq", 1);
        OutputTransactions outputs = outputs(true);

        assertThat(outputs.partitions()).containsExactly(new TopicPartition("out", 0), new TopicPartition("out", 1),
                new TopicPartition("dlq", 0));
        topic("out", 3);
        assertThat(outputs.partitions()).as("kept from the first look").hasSize(3);
    }

    @Test
    void leavesOutATopicThatDoesNotExistYet() {
        topic("out", 1);

        assertThat(outputs(true).partitions()).containsExactly(new TopicPartition("out", 0));
    }

    @Test
    void looksForHangingTransactionsOncePerIntervalAndOnlyOnTheWorkerThatChecks() {
        topic("out", 1);
        OutputTransactions checking = outputs(true);

        checking.checkIfDue(10_000);
        checking.checkIfDue(15_000);
        checking.checkIfDue(20_000);
        outputs(false).checkIfDue(20_000);

        assertThat(checked).hasSize(2).allSatisfy(partitions -> assertThat(partitions)
                .containsExactly(new TopicPartition("out", 0)));
    }

    @Test
    void aBrokerThatDoesNotAnswerFailsNeitherTheWorkerNorTheNextCheck() {
        topic("out", 1);
        AtomicInteger tries = new AtomicInteger();
        OutputTransactions outputs = new OutputTransactions(STREAM, StreamLayout.direct(Map.of("in", 1)), topics::get,
                partitions -> {
                    tries.incrementAndGet();
                    throw new KafkaUnavailableException("no broker", null);
                }, true, Duration.ofSeconds(10));

        outputs.checkIfDue(10_000);
        outputs.checkIfDue(20_000);

        assertThat(tries).hasValue(2);
    }
}
