package org.hyperiot.streaming.benchmark.kafka;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.hyperiot.streaming.api.kafka.KafkaConnector;

/**
 * Measures one variant sending {@code records} records to a fresh topic: time from the first send
 * until the last acknowledgement, then checks that every send succeeded and that the topic holds
 * exactly {@code records} records, so that a fast but lossy run cannot count.
 *
 * <p>Each variant has its own sending loop so that the JIT compiles each call site for one receiver,
 * as in an application that uses one of them.
 */
final class SendThroughputMeasurement {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long DEADLINE_CHECK_MASK = 0xFFFF;

    private final Admin admin;
    private final Producer<byte[], byte[]> plainProducer;
    private final String plainClientId;
    private final KafkaConnector connector;
    private final TelemetryRecords telemetry;
    private final BenchmarkOptions options;
    private final Optional<ProcessHandle> broker;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * @param plainClientId the plain producer's {@code client.id}, which tells its I/O thread from the
     *                      connector's
     */
    SendThroughputMeasurement(Admin admin, Producer<byte[], byte[]> plainProducer, String plainClientId,
            KafkaConnector connector, TelemetryRecords telemetry, BenchmarkOptions options, long brokerPid) {
        this.admin = admin;
        this.plainProducer = plainProducer;
        this.plainClientId = plainClientId;
        this.connector = connector;
        this.telemetry = telemetry;
        this.options = options;
        this.broker = ProcessHandle.of(brokerPid);
    }

    RunResult measure(SendVariant variant, int round, boolean warmup, int position) throws Exception {
        String topic = "connector-benchmark-r" + round + "-" + variant.shortName + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        createTopic(topic);
        settle();

        long records = options.records();
        CompletionCounter counter = new CompletionCounter(records);
        long deadline = System.nanoTime() + options.runTimeout().toNanos();
        long clientCpuBefore = os.getProcessCpuTime();
        Duration brokerCpuBefore = brokerCpu();
        Optional<Duration> machineBefore = MachineCpu.busy();
        Map<String, ThreadCost> ioBefore = ThreadCost.ofProducerThreads();
        Map<String, ProducerTraffic> trafficBefore = ProducerTraffic.ofProducers();
        long gcBefore = gcMillis();
        ThreadCost sendingBefore = ThreadCost.ofCurrentThread();
        long start = System.nanoTime();
        switch (variant) {
            case PLAIN_PRODUCER -> sendPlain(topic, records, counter, deadline);
            case CONNECTOR_STAGE -> sendThroughStage(topic, records, counter, deadline);
            case CONNECTOR_CALLBACK -> sendWithCallback(topic, records, counter, deadline);
        }
        if (!counter.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            throw new TimeoutException(variant.shortName + ": only " + (counter.succeeded() + counter.failed())
                    + " of " + records + " sends completed within " + options.runTimeout().toSeconds() + " s");
        }
        long end = counter.lastCompletionNanos();
        ThreadCost sending = ThreadCost.ofCurrentThread().minus(sendingBefore);
        Predicate<String> producerOfVariant = variant == SendVariant.PLAIN_PRODUCER
                ? plainClientId::equals : id -> !id.equals(plainClientId);
        ThreadCost io = ThreadCost.between(ioBefore, ThreadCost.ofProducerThreads(), producerOfVariant);
        ProducerTraffic traffic = ProducerTraffic.between(trafficBefore, ProducerTraffic.ofProducers(),
                producerOfVariant);
        Duration gcPause = Duration.ofMillis(gcMillis() - gcBefore);
        Duration clientCpu = Duration.ofNanos(os.getProcessCpuTime() - clientCpuBefore);
        Duration brokerCpu = brokerCpu().minus(brokerCpuBefore);
        Optional<Duration> machineAfter = MachineCpu.busy();
        Duration elapsed = Duration.ofNanos(end - start);
        double otherCores = machineBefore.isPresent() && machineAfter.isPresent()
                ? Math.max(0, machineAfter.get().minus(machineBefore.get()).minus(clientCpu).minus(brokerCpu).toNanos())
                        / (double) elapsed.toNanos()
                : Double.NaN;

        if (counter.failed() > 0 || counter.succeeded() != records) {
            throw new IllegalStateException(variant.shortName + ": " + counter.failed() + " of " + records
                    + " sends failed", counter.firstFailure());
        }
        long stored = endOffsetSum(topic);
        if (stored != records) {
            throw new IllegalStateException(variant.shortName + ": topic " + topic + " holds " + stored
                    + " records, expected " + records);
        }
        return new RunResult(variant, round, warmup, position, topic, records, elapsed, clientCpu, brokerCpu,
                otherCores, sending, io, traffic, gcPause);
    }

    private void sendPlain(String topic, long records, CompletionCounter counter, long deadline)
            throws TimeoutException {
        for (long i = 0; i < records; i++) {
            plainProducer.send(new ProducerRecord<>(topic, telemetry.key(i), telemetry.value(i)), counter);
            if ((i & DEADLINE_CHECK_MASK) == 0) {
                checkDeadline(deadline, i);
            }
        }
        plainProducer.flush();
    }

    private void sendThroughStage(String topic, long records, CompletionCounter counter, long deadline)
            throws TimeoutException {
        for (long i = 0; i < records; i++) {
            connector.send(new ProducerRecord<>(topic, telemetry.key(i), telemetry.value(i))).whenComplete(counter);
            if ((i & DEADLINE_CHECK_MASK) == 0) {
                checkDeadline(deadline, i);
            }
        }
    }

    private void sendWithCallback(String topic, long records, CompletionCounter counter, long deadline)
            throws TimeoutException {
        for (long i = 0; i < records; i++) {
            connector.send(new ProducerRecord<>(topic, telemetry.key(i), telemetry.value(i)), counter);
            if ((i & DEADLINE_CHECK_MASK) == 0) {
                checkDeadline(deadline, i);
            }
        }
    }

    private static void checkDeadline(long deadline, long sent) throws TimeoutException {
        if (System.nanoTime() > deadline) {
            throw new TimeoutException("run timed out after sending " + sent + " records");
        }
    }

    private void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, options.partitions(), (short) 1)))
                .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // A created topic may have no leaders yet; waiting for them keeps elections out of the timing.
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
                if (description.partitions().size() == options.partitions()
                        && description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null)) {
                    return;
                }
            } catch (ExecutionException notYetKnown) {
                // UnknownTopicOrPartition until the metadata reaches the broker side: retry.
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic + " has no leaders after " + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private long endOffsetSum(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < options.partitions(); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(request).all()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    /** Lets the broker finish with the previous run and the JVM collect its garbage first. */
    private void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(options.pause().toMillis());
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private Duration brokerCpu() {
        return broker.flatMap(handle -> handle.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
}
