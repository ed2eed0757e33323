package org.hyperiot.streaming.storm.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.NodeReport;

/**
 * Reports what an engine bolt task runs of its stream to the platform's status topic, as a Karaf node
 * reports its workers (under the task's name, {@link BoltInput#taskName}, as its node): a task per source partition and the counters, so
 * that {@code GET /streams/{name}/status} and {@code /metrics} on every node show a stream on Storm as
 * they show one on Kafka. The nodes drop a report three intervals old, so the tasks of a dead worker
 * leave the status by themselves; a bolt task that closes clears its report at once.
 */
final class BoltStatusReporter implements AutoCloseable {

    private final String stream;
    private final String node;
    private final String topology;
    private final String topic;
    private final long intervalMs;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private Producer<byte[], byte[]> producer;
    private long lastReport = Long.MIN_VALUE / 2;

    /**
     * @param producers creates the reporter's own producer, on first need (not a transactional one: a
     *                  report is not part of any transaction)
     */
    BoltStatusReporter(String stream, String taskName, StatusReports settings,
            Supplier<Producer<byte[], byte[]>> producers) {
        this.stream = stream;
        this.node = taskName;
        this.topology = settings.topology();
        this.topic = settings.topic();
        this.intervalMs = settings.intervalMs();
        this.producers = producers;
    }

    String node() {
        return node;
    }

    /** Whether a report is due at {@code now}. */
    boolean due(long now) {
        return now - lastReport >= intervalMs;
    }

    /** Sends a report; the producer delivers it in the background. */
    void report(List<TaskStatus> tasks, StreamMetrics metrics, long now) {
        lastReport = now;
        send(new NodeReport(node, stream, now, tasks, metrics, topology).encode());
    }

    /** Clears this task's report and closes the producer. */
    @Override
    public void close() {
        if (producer != null) {
            send(null);
            Producer<byte[], byte[]> closing = producer;
            Closing.quietly(() -> closing.close(Closing.TIMEOUT), stream, "status producer");
            producer = null;
        }
    }

    private void send(byte[] value) {
        if (producer == null) {
            producer = producers.get();
        }
        // Partition 0: the status topic is read there only (a compacted map of one partition).
        producer.send(new ProducerRecord<>(topic, 0, NodeReport.key(stream, node).getBytes(StandardCharsets.UTF_8), value));
    }
}
