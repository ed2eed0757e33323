package org.hyperiot.streaming.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * What Kafka and the nodes say while a failover takes longer than it should, so that the cause can be
 * read off the run that met it: the transaction coordinator's view of every transaction, the producers
 * with a transaction open on the stream's output and changelog partitions, the last stable offset
 * against the high watermark of each output partition, the consumer group with its committed offsets,
 * and the end of each node's {@code karaf.log}.
 */
final class FailoverDiagnostics {

    private static final long CALL_TIMEOUT_SECONDS = 15;
    private static final int LOG_TAIL_LINES = 60;
    private static final int LOG_SCANNED_LINES = 3000;
    private static final int LOG_MATCHES = 80;

    private FailoverDiagnostics() {
    }

    /** One stream's side of the picture. */
    record Subject(String group, List<TopicPartition> inputs, List<TopicPartition> outputs,
            List<TopicPartition> changelogs) {
    }

    /**
     * Captures the picture, writes it to a file under {@code directory} and returns it.
     *
     * @param logs the {@code karaf.log} of each node, by node id
     */
    static String capture(Admin admin, String title, Subject subject, Map<String, Path> logs, Path directory) {
        long now = System.currentTimeMillis();
        StringBuilder out = new StringBuilder();
        out.append("=== failover diagnostics: ").append(title).append(" at ").append(Instant.ofEpochMilli(now)).append('\n');
        transactions(admin, out);
        List<TopicPartition> written = new ArrayList<>(subject.outputs());
        written.addAll(subject.changelogs());
        producers(admin, written, out);
        stableOffsets(admin, subject.outputs(), out);
        group(admin, subject, out);
        logs.forEach((node, log) -> karafLog(node, log, subject.group(), out));
        String text = out.toString();
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("km-diagnostics-" + now + ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return "(also in " + file + ")\n" + text;
        } catch (IOException e) {
            return text + "\n(could not write the file: " + e + ")";
        }
    }

    private static void transactions(Admin admin, StringBuilder out) {
        out.append("--- transactions as their coordinators see them (Admin.listTransactions + describeTransactions)\n");
        try {
            Collection<TransactionListing> listings = call(admin.listTransactions().all());
            List<String> ids = listings.stream().map(TransactionListing::transactionalId).sorted().toList();
            Map<String, TransactionDescription> descriptions = ids.isEmpty() ? Map.of()
                    : call(admin.describeTransactions(ids).all());
            for (String id : ids) {
                TransactionDescription d = descriptions.get(id);
                if (d == null) {
                    out.append(id).append(": not described\n");
                    continue;
                }
                out.append(String.format("%s: producer %d epoch %d, %s, coordinator %d, timeout %d ms, started %s, "
                        + "partitions %s%n", id, d.producerId(), d.producerEpoch(), d.state(), d.coordinatorId(),
                        d.transactionTimeoutMs(),
                        d.transactionStartTimeMs().isPresent()
                                ? (System.currentTimeMillis() - d.transactionStartTimeMs().getAsLong()) + " ms ago" : "-",
                        d.topicPartitions().stream().map(TopicPartition::toString).sorted().toList()));
            }
        } catch (Exception e) {
            out.append("failed: ").append(e).append('\n');
        }
    }

    private static void producers(Admin admin, List<TopicPartition> partitions, StringBuilder out) {
        out.append("--- producers on the output and changelog partitions (Admin.describeProducers)\n");
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, PartitionProducerState> states = new TreeMap<>(
                    (a, b) -> a.toString().compareTo(b.toString()));
            states.putAll(call(admin.describeProducers(partitions).all()));
            states.forEach((partition, state) -> {
                for (ProducerState p : state.activeProducers()) {
                    // The timestamp of its last record, which is event time for window results, not the clock.
                    out.append(String.format("%s: producer %d epoch %d, coordinator epoch %s, last record timestamp %s, %s%n",
                            partition, p.producerId(), p.producerEpoch(),
                            p.coordinatorEpoch().isPresent() ? p.coordinatorEpoch().getAsInt() : "-",
                            p.lastTimestamp() < 0 ? "-" : Instant.ofEpochMilli(p.lastTimestamp()),
                            p.currentTransactionStartOffset().isPresent()
                                    ? "OPEN TRANSACTION since offset " + p.currentTransactionStartOffset().getAsLong()
                                    : "no open transaction"));
                }
            });
        } catch (Exception e) {
            out.append("failed: ").append(e).append('\n');
        }
    }

    private static void stableOffsets(Admin admin, List<TopicPartition> partitions, StringBuilder out) {
        out.append("--- last stable offset (what read_committed readers reach) against the high watermark\n");
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = call(admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> high = call(admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all());
            for (TopicPartition partition : partitions) {
                long lso = stable.get(partition).offset();
                long hwm = high.get(partition).offset();
                out.append(String.format("%s: LSO %d, HWM %d%s%n", partition, lso, hwm,
                        lso < hwm ? " (" + (hwm - lso) + " records held back)" : ""));
            }
        } catch (Exception e) {
            out.append("failed: ").append(e).append('\n');
        }
    }

    private static void group(Admin admin, Subject subject, StringBuilder out) {
        out.append("--- consumer group ").append(subject.group()).append('\n');
        try {
            ConsumerGroupDescription group = call(admin.describeConsumerGroups(List.of(subject.group())).all())
                    .get(subject.group());
            out.append(String.format("state %s, type %s, coordinator %s, group epoch %s%n", group.groupState(),
                    group.type(), group.coordinator(), group.groupEpoch().map(String::valueOf).orElse("-")));
            for (MemberDescription member : group.members()) {
                out.append(String.format("member %s (client %s, %s): %s%n", member.consumerId(), member.clientId(),
                        member.host(), member.assignment().topicPartitions().stream().map(TopicPartition::toString)
                                .sorted().collect(Collectors.joining(", "))));
            }
            Map<TopicPartition, OffsetAndMetadata> committed = call(admin.listConsumerGroupOffsets(subject.group())
                    .partitionsToOffsetAndMetadata());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            subject.inputs().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = call(admin.listOffsets(latest).all());
            for (TopicPartition partition : subject.inputs()) {
                OffsetAndMetadata offset = committed.get(partition);
                long end = ends.get(partition).offset();
                out.append(String.format("%s: committed %s, end %d%n", partition,
                        offset == null ? "nothing" : offset.offset() + " (lag " + (end - offset.offset()) + ")", end));
            }
        } catch (Exception e) {
            out.append("failed: ").append(e).append('\n');
        }
    }

    /** The lines about the stream, warnings and errors among the log's last lines, then its very end. */
    private static void karafLog(String node, Path log, String group, StringBuilder out) {
        out.append("--- node ").append(node).append(": ").append(log).append('\n');
        try {
            if (!Files.exists(log)) {
                out.append("(no log)\n");
                return;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> scanned = lines.subList(Math.max(0, lines.size() - LOG_SCANNED_LINES), lines.size());
            String stream = group.substring("hyperiot-stream-".length());
            // The producer's retries (CONCURRENT_TRANSACTIONS, the out-of-order batches behind it) are
            // routine under transactions and would crowd out everything else.
            List<String> matches = scanned.stream()
                    .filter(line -> line.contains("| WARN") || line.contains("| ERROR") || line.contains(stream))
                    .filter(line -> !line.contains("Got error produce response"))
                    .toList();
            out.append("(").append(matches.size()).append(" of the last ").append(scanned.size())
                    .append(" lines mention the stream or warn, producer retries aside; the last ").append(LOG_MATCHES)
                    .append(")\n");
            matches.subList(Math.max(0, matches.size() - LOG_MATCHES), matches.size())
                    .forEach(line -> out.append(line).append('\n'));
            out.append("(the last ").append(LOG_TAIL_LINES).append(" lines)\n");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                    .forEach(line -> out.append(line).append('\n'));
        } catch (IOException e) {
            out.append("failed: ").append(e).append('\n');
        }
    }

    private static <T> T call(KafkaFuture<T> future) throws Exception {
        return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
