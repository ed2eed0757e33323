package org.hyperiot.streaming.benchmark.sidebyside;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The benchmark's view of its broker: topics it creates and the progress of each contestant's group. */
final class BenchmarkCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;

    BenchmarkCluster(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** An input topic: records keep the producer's timestamp. Nothing expires during a run. */
    void createInputTopic(String name, int partitions) {
        create(name, partitions, Map.of("retention.ms", "-1"));
    }

    /**
     * A topic for closing markers, whose timestamps lie further ahead of the clock than a broker accepts
     * by default ({@code message.timestamp.after.max.ms}, an hour).
     */
    void createClosingTopic(String name, int partitions) {
        create(name, partitions, Map.of("retention.ms", "-1",
                "message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE)));
    }

    /** An output topic: the broker stamps each record with its append time, the clock every figure uses. */
    void createOutputTopic(String name, int partitions) {
        create(name, partitions, Map.of("retention.ms", "-1", "message.timestamp.type", "LogAppendTime"));
    }

    private void create(String name, int partitions, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                    .get(60, TimeUnit.SECONDS);
            // The controller has the topic; wait until the broker serves its offsets too, so that the
            // first progress check of a run cannot fail on a topic that is still being set up.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    endOffsets(name, partitions);
                    return;
                } catch (IllegalStateException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** Deletes a topic a run no longer needs, so that a long run does not fill the disk. */
    void deleteTopic(String name) {
        try {
            admin.deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete topic " + name + ": " + e);
        }
    }

    Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(request).all()
                    .get(30, TimeUnit.SECONDS).entrySet()) {
                ends.put(end.getKey(), end.getValue().offset());
            }
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    /** Input records {@code group} has committed as processed, over the given partitions. */
    long committed(String group, Map<TopicPartition, Long> endOffsets) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long total = 0;
            for (TopicPartition partition : endOffsets.keySet()) {
                OffsetAndMetadata offset = committed.get(partition);
                total += offset == null ? 0 : offset.offset();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // A group that has not committed yet may not exist: nothing processed.
            return 0;
        }
    }

    /** Waits, polling every 100 ms, until {@code done} holds; false once {@code timeout} has passed. */
    static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
