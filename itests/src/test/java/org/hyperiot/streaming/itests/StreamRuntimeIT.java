package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Streams run by the runtime inside Karaf against the real broker: records through a filter, poison
 * records into the dead-letter topic, a processor bundle stopped and started mid-stream under
 * exactly-once, counted record by record, and window state restored past a transaction left open
 * on the changelog.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamRuntimeIT extends StreamingKarafTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Filter(timeout = 120_000)
    private StreamManager streams;

    @Inject
    private BundleContext bundleContext;

    @Test
    public void aStreamFiltersRecordsReportsItsTasksAndCountsThem() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "itest-rt-in-" + id;
        String output = "itest-rt-out-" + id;
        topicAdmin.createTopic(input, 3, (short) 1, Map.of());
        topicAdmin.createTopic(output, 1, (short) 1, Map.of());
        StreamDefinition definition = read("""
                {"name":"filter-%s","guarantee":"at-least-once",
                 "source":{"topics":["%s"],"startFrom":"earliest"},
                 "pipeline":[{"op":"filter","where":{"field":"temp","gt":25}},{"op":"project","fields":["deviceId","temp"]}],
                 "sink":{"topic":"%s"}}""".formatted(id, input, output));
        streams.create(definition);
        assertEquals(StreamState.CREATED, streams.status(definition.name()).state());
        streams.start(definition.name());

        int hot = send(input, 900, i -> i % 3 == 0 ? 30 : 20);
        List<ConsumerRecord<byte[], byte[]>> results = readAtLeast(output, hot, "read_committed");
        assertEquals(hot, results.size());
        JsonNode first = JSON.readTree(results.get(0).value());
        assertTrue(first.get("temp").asInt() > 25);
        assertEquals(2, first.size());

        Eventually.within(WAIT, () -> {
            StreamStatus status = streams.status(definition.name());
            assertEquals(StreamState.RUNNING, status.state());
            assertEquals(3, status.tasks().size());
        });
        Eventually.within(WAIT, () -> {
            StreamMetrics metrics = streams.metrics(definition.name());
            assertEquals(900, metrics.recordsIn());
            assertEquals(hot, metrics.recordsOut());
            assertTrue(metrics.commits() > 0);
        });

        streams.stop(definition.name());
        Eventually.within(WAIT, () -> assertEquals(StreamState.STOPPED, streams.status(definition.name()).state()));
        streams.delete(definition.name(), true);
        Eventually.within(WAIT, () -> assertTrue(streams.list().stream().noneMatch(s -> s.name().equals(definition.name()))));
    }

    /** The README's path: a windowed exactly-once stream created and started over REST, results read back. */
    @Test
    public void aStreamDefinedOverRestCountsPerDeviceWindows() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "telemetry-" + id;
        String output = "temp-avg-" + id;
        topicAdmin.createTopic(input, 2, (short) 1, Map.of());
        topicAdmin.createTopic(output, 1, (short) 1, Map.of());
        String name = "device-temp-avg-" + id;
        String body = """
                {"name":"%s","guarantee":"exactly-once",
                 "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                 "watermark":{"maxOutOfOrderness":"1s","idleTimeout":"5s"},
                 "pipeline":[{"op":"keyBy","field":"deviceId"},
                   {"op":"window","type":"tumbling","size":"10s",
                    "aggregate":[{"fn":"avg","field":"temp","as":"avgTemp"},{"fn":"count","as":"n"}]}],
                 "sink":{"topic":"%s"}}""".formatted(name, input, output);
        Http http = new Http("http://127.0.0.1:" + System.getProperty("hyperiot.itest.http.port") + "/streaming/api/v1");

        java.net.http.HttpResponse<String> created = http.post("/streams", body, "admin", "adminpw");
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/streams/" + name));
        assertEquals(409, http.post("/streams", body, "admin", "adminpw").statusCode());
        assertEquals(403, http.post("/streams/" + name + "/start", "", "viewer", "viewerpw").statusCode());
        assertEquals(202, http.post("/streams/" + name + "/start", "", "manager", "managerpw").statusCode());

        // Two devices, one reading per second for 30 s of event time, then one reading far later to
        // close the windows: three 10 s windows of 10 readings per device.
        List<CompletableFuture<?>> sends = new ArrayList<>();
        long start = 1_700_000_000_000L;
        for (int second = 0; second < 30; second++) {
            for (String device : List.of("d1", "d2")) {
                String value = "{\"deviceId\":\"" + device + "\",\"ts\":" + (start + second * 1000L) + ",\"temp\":" + second + "}";
                sends.add(connector.send(new ProducerRecord<>(input, device.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture());
            }
        }
        for (String device : List.of("d1", "d2")) {
            String late = "{\"deviceId\":\"" + device + "\",\"ts\":" + (start + 60_000L) + ",\"temp\":0}";
            sends.add(connector.send(new ProducerRecord<>(input, device.getBytes(StandardCharsets.UTF_8),
                    late.getBytes(StandardCharsets.UTF_8))).toCompletableFuture());
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get();

        List<ConsumerRecord<byte[], byte[]>> windows = readAtLeast(output, 6, "read_committed");
        assertEquals(6, windows.size());
        for (ConsumerRecord<byte[], byte[]> window : windows) {
            JsonNode result = JSON.readTree(window.value());
            assertEquals(10, result.get("n").asInt());
            long windowStart = result.get("windowStart").asLong();
            double expected = (windowStart - start) / 1000 + 4.5;
            assertEquals(expected, result.get("avgTemp").asDouble(), 0.0001);
            assertEquals(result.get("key").asText(), new String(window.key(), StandardCharsets.UTF_8));
        }
        Eventually.within(WAIT, () -> {
            String status = http.get("/streams/" + name + "/status", "viewer", "viewerpw").body();
            assertTrue(status, status.contains("\"state\":\"RUNNING\""));
            String metrics = http.get("/streams/" + name + "/metrics", "viewer", "viewerpw").body();
            assertTrue(metrics, JSON.readTree(metrics).get("recordsIn").asLong() == 62);
            String prometheus = http.get("/metrics", "viewer", "viewerpw").body();
            assertTrue(prometheus, prometheus.contains("hyperiot_stream_records_in_total{stream=\"" + name + "\"} 62"));
            assertTrue(prometheus, prometheus.contains("hyperiot_stream_state{stream=\"" + name + "\",state=\"RUNNING\"} 1"));
        });
        HttpResponse<String> prometheus = http.get("/metrics", "viewer", "viewerpw");
        // CXF may reorder the media type's parameters; Prometheus reads them in any order.
        String contentType = prometheus.headers().firstValue("Content-Type").orElse("").replace(" ", "");
        assertTrue(contentType, contentType.startsWith("text/plain;") && contentType.contains("version=0.0.4"));
        assertTrue(prometheus.body(), prometheus.body().contains("# TYPE jvm_memory_used_bytes gauge"));
        assertEquals(401, http.get("/metrics", null, null).statusCode());
        HttpResponse<String> openApi = http.get("/openapi.json", null, null);
        assertEquals(openApi.body(), 200, openApi.statusCode());
        assertTrue(openApi.body(), JSON.readTree(openApi.body()).path("paths").has("/streams/{name}/metrics"));
        assertEquals(204, http.delete("/streams/" + name + "?purgeState=true", "admin", "adminpw").statusCode());
        assertEquals(404, http.get("/streams/" + name, "viewer", "viewerpw").statusCode());
    }

    /**
     * Stream {@code pa}'s names are a prefix of stream {@code pa-b}'s: purging the first must leave
     * the second's changelog, and the second running.
     */
    @Test
    public void purgingAStreamLeavesTheStateOfAStreamWhoseNameItPrefixes() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "itest-purge-in-" + id;
        topicAdmin.createTopic(input, 1, (short) 1, Map.of());
        String pa = "pa" + id;
        String paB = pa + "-b";
        for (String name : List.of(pa, paB)) {
            topicAdmin.createTopic(name + "-out", 1, (short) 1, Map.of());
            streams.create(read("""
                    {"name":"%s","guarantee":"exactly-once",
                     "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                     "pipeline":[{"op":"keyBy","field":"deviceId"},
                       {"op":"window","type":"tumbling","size":"10s","aggregate":[{"fn":"count","as":"n"}]}],
                     "sink":{"topic":"%s"}}""".formatted(name, input, name + "-out")));
            streams.start(name);
        }
        Eventually.within(WAIT, () -> assertTrue(topicNames().containsAll(List.of(
                changelog(pa), changelog(paB)))));
        Eventually.within(WAIT, () -> assertEquals(StreamState.RUNNING, streams.status(paB).state()));

        streams.delete(pa, true);

        Set<String> topics = topicNames();
        assertFalse(topics.toString(), topics.contains(changelog(pa)));
        assertTrue(topics.toString(), topics.contains(changelog(paB)));
        assertEquals(StreamState.RUNNING, streams.status(paB).state());
        streams.delete(paB, true);
    }

    /** The changelog's name as docs/streams.md gives it. */
    private static String changelog(String stream) {
        return "hyperiot-stream-" + stream + "-changelog";
    }

    private Set<String> topicNames() {
        Set<String> names = new HashSet<>();
        topicAdmin.listTopics().forEach(topic -> names.add(topic.name()));
        return names;
    }

    @Test
    public void poisonRecordsGoToTheDeadLetterTopicWithTheirHeadersAndTheStreamGoesOn() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "itest-rt-poison-" + id;
        String output = "itest-rt-poison-out-" + id;
        String deadLetters = "itest-rt-poison-dlq-" + id;
        topicAdmin.createTopic(input, 1, (short) 1, Map.of());
        topicAdmin.createTopic(output, 1, (short) 1, Map.of());
        topicAdmin.createTopic(deadLetters, 1, (short) 1, Map.of());
        StreamDefinition definition = read("""
                {"name":"poison-%s","guarantee":"exactly-once",
                 "source":{"topics":["%s"],"startFrom":"earliest"},
                 "pipeline":[{"op":"filter","where":{"field":"temp","gt":-100}}],
                 "sink":{"topic":"%s"},"deadLetter":{"topic":"%s"}}""".formatted(id, input, output, deadLetters));
        streams.create(definition);
        streams.start(definition.name());

        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String value = i == 42 ? "{not json" : "{\"deviceId\":\"d" + i + "\",\"temp\":" + i + "}";
            sends.add(connector.send(new ProducerRecord<>(input, ("d" + i).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture());
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get();

        assertEquals(99, readAtLeast(output, 99, "read_committed").size());
        List<ConsumerRecord<byte[], byte[]>> dead = readAtLeast(deadLetters, 1, "read_committed");
        assertEquals(1, dead.size());
        ConsumerRecord<byte[], byte[]> poison = dead.get(0);
        assertEquals("{not json", new String(poison.value(), StandardCharsets.UTF_8));
        assertEquals(input, header(poison, "hyperiot.source.topic"));
        assertEquals("42", header(poison, "hyperiot.source.offset"));
        assertEquals(definition.name(), header(poison, "hyperiot.stream"));
        assertTrue(header(poison, "hyperiot.error.class").length() > 0);
        Eventually.within(WAIT, () -> assertEquals(1, streams.metrics(definition.name()).deadLettered()));
        assertEquals(StreamState.RUNNING, streams.status(definition.name()).state());
        streams.delete(definition.name(), true);
    }

    @Test
    public void aProcessorBundleStoppedAndStartedMidStreamLosesAndRepeatsNothingUnderExactlyOnce() throws Exception {
        Bundle processors = bundleContext.installBundle(System.getProperty("hyperiot.itest.example.bundle"));
        processors.start();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "itest-rt-proc-" + id;
        String output = "itest-rt-proc-out-" + id;
        topicAdmin.createTopic(input, 2, (short) 1, Map.of());
        topicAdmin.createTopic(output, 1, (short) 1, Map.of());
        StreamDefinition definition = read("""
                {"name":"kelvin-%s","guarantee":"exactly-once",
                 "source":{"topics":["%s"],"startFrom":"earliest"},
                 "pipeline":[{"op":"processor","name":"celsius-to-kelvin","config":{"field":"temp"}}],
                 "sink":{"topic":"%s"}}""".formatted(id, input, output));
        streams.create(definition);
        streams.start(definition.name());

        send(input, 1000, i -> 20);
        readAtLeast(output, 1000, "read_committed");
        processors.stop();
        Eventually.within(WAIT, () -> assertEquals(StreamState.WAITING, streams.status(definition.name()).state()));
        send(input, 1000, i -> 21);
        processors.start();
        Eventually.within(WAIT, () -> assertEquals(StreamState.RUNNING, streams.status(definition.name()).state()));
        send(input, 1000, i -> 22);

        List<ConsumerRecord<byte[], byte[]>> results = readAtLeast(output, 3000, "read_committed");
        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : results) {
            JsonNode value = JSON.readTree(record.value());
            assertTrue("converted: " + value, value.get("temp").asDouble() > 290);
            seen.merge(value.get("seq").asText() + "/" + value.get("temp").asText(), 1, Integer::sum);
        }
        assertEquals("every record once", 3000, seen.size());
        assertTrue("no duplicates", seen.values().stream().allMatch(count -> count == 1));
        streams.delete(definition.name(), true);
        processors.uninstall();
    }

    /**
     * A transaction left open on the changelog makes every read_committed restore stop at its first
     * record. Here a producer opens one and vanishes without ending it; its coordinator aborts it
     * after its 30 s timeout (one the runtime may not abort itself: see HangingTransactions, whose
     * tests cover transactions the coordinator no longer tracks). The stream, restarted twice around
     * it, must wait for that and restore the whole state: the window that spans the three runs counts
     * all ten of its readings.
     */
    @Test
    public void aTransactionLeftOpenOnTheChangelogIsAbortedBeforeTheStateIsRestored() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "itest-hang-in-" + id;
        String output = "itest-hang-out-" + id;
        topicAdmin.createTopic(input, 1, (short) 1, Map.of());
        // Window results carry their event time, from 2023: kept, or the broker's retention deletes them.
        topicAdmin.createTopic(output, 1, (short) 1, Map.of("retention.ms", "-1"));
        StreamDefinition definition = read("""
                {"name":"hang-%s","guarantee":"exactly-once",
                 "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                 "watermark":{"maxOutOfOrderness":"1s"},
                 "pipeline":[{"op":"keyBy","field":"deviceId"},
                   {"op":"window","type":"tumbling","size":"10s","aggregate":[{"fn":"count","as":"n"}]}],
                 "sink":{"topic":"%s"}}""".formatted(id, input, output));
        String name = definition.name();
        streams.create(definition);

        streams.start(name);
        sendReadings(input, 0, 15);
        assertEquals(10, JSON.readTree(readAtLeast(output, 1, "read_committed").get(0).value()).get("n").asInt());
        awaitCommitted(name, input, 15);
        stopAndWait(name);

        // A transaction on the changelog that its producer never ends: the producer is closed at once,
        // so it does not abort it. Its coordinator still tracks it, so it is not hanging (it is not
        // aborted by the runtime, as Kafka's find-hanging would not call it hanging either): the restore
        // must wait until the coordinator aborts it after its timeout, and never restore past it.
        Map<String, Object> dangling = Map.of("transactional.id", "itest-dangling-" + id, "transaction.timeout.ms", "30000");
        Producer<byte[], byte[]> producer = connector.newProducer(dangling, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("hyperiot-stream-" + name + "-changelog", 0,
                (input + "/0/windows/never-committed").getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3})).get();
        producer.close(Duration.ZERO);

        streams.start(name);
        sendReadings(input, 15, 18);
        awaitCommitted(name, input, 18);
        stopAndWait(name);

        streams.start(name);
        sendReadings(input, 18, 20);
        sendReadings(input, 40, 41);
        List<ConsumerRecord<byte[], byte[]>> windows = readAtLeast(output, 2, "read_committed");
        assertEquals(2, windows.size());
        JsonNode second = JSON.readTree(windows.get(1).value());
        assertEquals(1_700_000_010_000L, second.get("windowStart").asLong());
        assertEquals("every reading of the window that spans the restarts", 10, second.get("n").asInt());
        streams.stop(name);
        streams.delete(name, true);
    }

    /** One reading of device d1 per second of event time, for the seconds from {@code from} to {@code to} (excluded). */
    private void sendReadings(String topic, int from, int to) throws Exception {
        for (int second = from; second < to; second++) {
            String value = "{\"deviceId\":\"d1\",\"ts\":" + (1_700_000_000_000L + second * 1000L) + "}";
            connector.send(new ProducerRecord<>(topic, "d1".getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get();
        }
    }

    private void awaitCommitted(String stream, String topic, long offset) throws Exception {
        try (Admin admin = connector.newAdmin(Map.of())) {
            Eventually.within(WAIT, () -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("hyperiot-stream-" + stream)
                        .partitionsToOffsetAndMetadata().get().get(new TopicPartition(topic, 0));
                assertEquals(Long.valueOf(offset), committed == null ? null : Long.valueOf(committed.offset()));
            });
        }
    }

    private void stopAndWait(String stream) throws Exception {
        streams.stop(stream);
        Eventually.within(WAIT, () -> assertEquals(StreamState.STOPPED, streams.status(stream).state()));
    }

    private static StreamDefinition read(String json) {
        return new StreamDefinitionReader().read(json);
    }

    private int send(String topic, int count, java.util.function.IntUnaryOperator temperature) throws Exception {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        int hot = 0;
        for (int i = 0; i < count; i++) {
            int temp = temperature.applyAsInt(i);
            hot += temp > 25 ? 1 : 0;
            String value = "{\"deviceId\":\"d" + (i % 10) + "\",\"seq\":" + i + ",\"temp\":" + temp + "}";
            sends.add(connector.send(new ProducerRecord<>(topic, ("d" + (i % 10)).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture());
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get();
        return hot;
    }

    /** Reads the whole topic until it holds at least {@code count} records, then 2 s more to catch extras. */
    private List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, int count, String isolation) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (Consumer<byte[], byte[]> reader = connector.newConsumer(Map.of("isolation.level", isolation),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= count && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        assertTrue("expected at least " + count + " records in " + topic + " but found " + records.size(),
                records.size() >= count);
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
