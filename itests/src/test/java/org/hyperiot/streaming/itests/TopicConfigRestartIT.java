package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Nothing the API accepts as a topic configuration can keep a broker from coming back (issue 15):
 * a topic is created over REST for every boundary value of every accepted key (the list comes
 * from the API's own refusals: each value is first checked to be accepted, and its neighbour just
 * outside the range to be refused), the broker is restarted, and then every partition of every
 * one of those topics must have a leader again and take a record and give it back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TopicConfigRestartIT extends StreamingKarafTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PARTITIONS = 2;


    /**
     * Each accepted key with the values at the edges of its range, as docs/rest-api.md lists them, and
     * one value just beyond, which must be refused.
     */
    private static Map<String, List<String>> boundaries() {
        long mib = 1024 * 1024;
        long minute = 60_000;
        long hour = 60 * minute;
        long day = 24 * hour;
        String max = Long.toString(Long.MAX_VALUE);
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("cleanup.policy", List.of("delete", "compact", "compact,delete"));
        values.put("compression.type", List.of("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"));
        values.put("compression.gzip.level", List.of("-1", "1", "9"));
        values.put("compression.lz4.level", List.of("1", "17"));
        values.put("compression.zstd.level", List.of("-131072", "22"));
        values.put("retention.ms", List.of("-1", Long.toString(minute), max));
        values.put("retention.bytes", List.of("-1", Long.toString(mib), max));
        values.put("segment.bytes", List.of(Long.toString(mib), Long.toString(1024 * mib)));
        values.put("segment.ms", List.of(Long.toString(hour), max));
        values.put("segment.jitter.ms", List.of("0", Long.toString(day)));
        values.put("max.message.bytes", List.of("1024", Long.toString(8 * mib)));
        values.put("min.insync.replicas", List.of("1"));
        values.put("delete.retention.ms", List.of("0", max));
        values.put("min.compaction.lag.ms", List.of("0", max));
        values.put("max.compaction.lag.ms", List.of(Long.toString(minute), max));
        values.put("min.cleanable.dirty.ratio", List.of("0.01", "0.5", "1"));
        values.put("file.delete.delay.ms", List.of("0", Long.toString(day)));
        values.put("message.timestamp.type", List.of("CreateTime", "LogAppendTime"));
        values.put("message.timestamp.before.max.ms", List.of(Long.toString(minute), max));
        values.put("message.timestamp.after.max.ms", List.of(Long.toString(minute), max));
        return values;
    }

    /** A value just outside the accepted range of each numeric key (or a dangerous key with its value). */
    private static Map<String, String> justBeyond() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("segment.bytes", Long.toString(1024 * 1024 - 1));
        values.put("segment.ms", Long.toString(3_600_000 - 1));
        values.put("retention.ms", "59999");
        values.put("max.message.bytes", Long.toString(8 * 1024 * 1024 + 1));
        values.put("max.compaction.lag.ms", "59999");
        values.put("min.cleanable.dirty.ratio", "0");
        values.put("message.timestamp.before.max.ms", "59999");
        values.put("compression.lz4.level", "18");
        values.put("segment.index.bytes", "4");
        values.put("flush.messages", "1");
        values.put("unclean.leader.election.enable", "true");
        return values;
    }

    /**
     * The API's whiteboard application may still be coming up when the test starts (404 "No service was
     * found" until it is; seen once the Storm features made the boot longer).
     */
    @Before
    public void awaitTheApi() throws Exception {
        Http http = new Http("http://127.0.0.1:" + System.getProperty("hyperiot.itest.http.port") + "/streaming/api/v1");
        Eventually.within(WAIT, () -> assertNotEquals(404, http.get("/health", null, null).statusCode()));
    }

    @Test
    public void topicsWithEveryAcceptedConfigurationComeBackAfterABrokerRestart() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Http http = new Http("http://127.0.0.1:" + System.getProperty("hyperiot.itest.http.port") + "/streaming/api/v1");

        // The list above is the API's: every key it accepts is covered, no more and no less.
        Set<String> accepted = new TreeSet<>();
        for (String key : boundaries().keySet()) {
            accepted.add(key);
        }
        List<String> refusedBeyond = new ArrayList<>();
        for (Map.Entry<String, String> beyond : justBeyond().entrySet()) {
            HttpResponse<String> refused = http.post("/kafka/topics", topic("cfg-beyond-" + id, beyond.getKey(),
                    beyond.getValue()), "admin", "adminpw");
            if (refused.statusCode() != 422 || !refused.body().contains("/configs/" + beyond.getKey())) {
                refusedBeyond.add(beyond + ": " + refused.statusCode() + " " + refused.body());
            }
        }
        assertTrue("values beyond the ranges were not refused:\n" + String.join("\n", refusedBeyond),
                refusedBeyond.isEmpty());

        Map<String, String> created = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, List<String>> key : boundaries().entrySet()) {
            for (String value : key.getValue()) {
                String name = "cfg-" + id + "-" + n++;
                HttpResponse<String> response = http.post("/kafka/topics", topic(name, key.getKey(), value), "admin", "adminpw");
                assertEquals(key.getKey() + "=" + value + ": " + response.body(), 201, response.statusCode());
                created.put(name, key.getKey() + "=" + value);
            }
        }
        // Every key the API accepts appears above: a key added to the allowlist must be added here too.
        String unknownKey = http.post("/kafka/topics", topic("cfg-probe-" + id, "no.such.key", "1"), "admin", "adminpw").body();
        JsonNode problem = JSON.readTree(unknownKey);
        String allowed = problem.path("errors").get(0).path("message").asText();
        Set<String> listed = new TreeSet<>(List.of(allowed.substring(allowed.indexOf("allowed: ") + 9).split(", ")));
        assertEquals(listed, accepted);
        System.out.println("topic configs: " + created.size() + " topics with " + accepted.size()
                + " keys at their boundary values; " + justBeyond().size() + " values beyond refused");

        BrokerProcess broker = new BrokerProcess(Path.of(System.getProperty("hyperiot.itest.broker.classpath")),
                Path.of(System.getProperty("hyperiot.itest.broker.data")),
                Integer.parseInt(System.getProperty("hyperiot.itest.broker.port")));
        broker.stop();
        broker.start();

        try (Admin admin = connector.newAdmin(Map.of())) {
            Eventually.within(WAIT, () -> {
                Map<String, TopicDescription> descriptions = admin.describeTopics(created.keySet()).allTopicNames()
                        .get(30, TimeUnit.SECONDS);
                List<String> leaderless = new ArrayList<>();
                for (TopicDescription description : descriptions.values()) {
                    assertEquals(description.name(), PARTITIONS, description.partitions().size());
                    for (TopicPartitionInfo partition : description.partitions()) {
                        if (partition.leader() == null || partition.leader().isEmpty()) {
                            leaderless.add(description.name() + "-" + partition.partition() + " ("
                                    + created.get(description.name()) + ")");
                        }
                    }
                }
                assertTrue("partitions without a leader after the restart: " + leaderless, leaderless.isEmpty());
            });
        }

        List<String> unusable = new ArrayList<>();
        for (Map.Entry<String, String> topic : created.entrySet()) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                String value = topic.getValue() + " p" + partition;
                try {
                    // A key, as compacted topics require one.
                    connector.send(new ProducerRecord<>(topic.getKey(), partition, "k".getBytes(StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    unusable.add(topic.getKey() + "-" + partition + " (" + topic.getValue() + "): " + e);
                }
            }
        }
        assertTrue("records refused after the restart:\n" + String.join("\n", unusable), unusable.isEmpty());

        List<TopicPartition> partitions = new ArrayList<>();
        created.keySet().forEach(t -> {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(t, p));
            }
        });
        Set<String> read = new TreeSet<>();
        try (Consumer<byte[], byte[]> consumer = connector.newConsumer(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Eventually.within(WAIT, () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.topic() + "-" + record.partition());
                }
                assertEquals(partitions.size(), read.size());
            });
        }
        System.out.println("topic configs: after the broker restart every partition of " + created.size()
                + " topics has a leader and gave back the record written to it");
    }

    private static String topic(String name, String key, String value) {
        return "{\"name\":\"" + name + "\",\"partitions\":" + PARTITIONS + ",\"replicationFactor\":1,\"configs\":{\""
                + key + "\":\"" + value + "\"}}";
    }
}
