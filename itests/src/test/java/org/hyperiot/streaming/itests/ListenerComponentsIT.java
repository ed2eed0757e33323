package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Listener components ({@link KafkaMessageReceiver} services) in a stock Karaf with the Kafka
 * connector feature, against a real broker: key routing, at-least-once across a receiver bundle's
 * stop and start, and dead letters.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ListenerComponentsIT extends StreamingKarafTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FILTER_SPECIAL_KEY = "a*(b)\\=";

    @Inject
    private BundleContext bundleContext;

    @Override
    protected String feature() {
        return "hyperiot-streaming-kafka";
    }

    @Test
    public void recordsWithMixedKeysReachExactlyTheReceiversWhoseTopicAndKeyMatch() throws Exception {
        String topic = "itest-listeners-" + UUID.randomUUID();
        String otherTopic = "itest-listeners-other-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 3, (short) 1, Map.of());
        topicAdmin.createTopic(otherTopic, 1, (short) 1, Map.of());
        RecordingReceiver keyK1 = new RecordingReceiver();
        RecordingReceiver keySpecial = new RecordingReceiver();
        RecordingReceiver everyKey = new RecordingReceiver();
        RecordingReceiver other = new RecordingReceiver();
        List<ServiceRegistration<?>> registrations = List.of(
                register(keyK1, topic, "k1", null),
                register(keySpecial, topic, FILTER_SPECIAL_KEY, null),
                register(everyKey, topic, null, null),
                register(other, otherTopic, null, null));
        try {
            String[] keys = {"k1", FILTER_SPECIAL_KEY, "k2", null, "k1x", "*", "K1", "a*(b)\\", "a"};
            Set<String> expectedK1 = new HashSet<>();
            Set<String> expectedSpecial = new HashSet<>();
            Set<String> expectedEvery = new HashSet<>();
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                String key = keys[i % keys.length];
                String value = "v" + i;
                sends.add(send(topic, key, value));
                expectedEvery.add(value);
                if ("k1".equals(key)) {
                    expectedK1.add(value);
                }
                if (FILTER_SPECIAL_KEY.equals(key)) {
                    expectedSpecial.add(value);
                }
            }
            Set<String> expectedOther = Set.of("o1", "o2");
            sends.add(send(otherTopic, "k1", "o1"));
            sends.add(send(otherTopic, FILTER_SPECIAL_KEY, "o2"));
            CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

            Eventually.within(WAIT, () -> {
                assertTrue(everyKey.values().containsAll(expectedEvery));
                assertTrue(keyK1.values().containsAll(expectedK1));
                assertTrue(keySpecial.values().containsAll(expectedSpecial));
                assertTrue(other.values().containsAll(expectedOther));
            });
            assertEquals(expectedEvery, everyKey.values());
            assertEquals(expectedK1, keyK1.values());
            assertEquals(expectedSpecial, keySpecial.values());
            assertEquals(expectedOther, other.values());
            assertEquals(10, expectedK1.size());
            assertEquals(10, expectedSpecial.size());
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    public void aReceiverWhoseBundleIsStoppedMidStreamAndStartedAgainMissesNothing() throws Exception {
        String input = "itest-forward-in-" + UUID.randomUUID();
        String output = "itest-forward-out-" + UUID.randomUUID();
        topicAdmin.createTopic(input, 3, (short) 1, Map.of());
        topicAdmin.createTopic(output, 1, (short) 1, Map.of());
        // A receiver that stays registered throughout: removing another receiver must not disturb it.
        RecordingReceiver bystander = new RecordingReceiver();
        ServiceRegistration<?> bystanderRegistration = register(bystander, input, null, "itest-bystander");
        Bundle forwarder = bundleContext.installBundle("itest:forwarder-" + UUID.randomUUID(),
                forwarderBundle(input, output));
        try {
            forwarder.start();
            int total = 3000;
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                sends.add(send(input, Integer.toString(i), Integer.toString(i)));
            }
            CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            Set<String> expected = IntStream.range(0, total).mapToObj(Integer::toString).collect(Collectors.toSet());

            try (OutputReader reader = new OutputReader(output)) {
                for (int threshold : new int[] {300, 1200, 2100}) {
                    Eventually.within(WAIT, () -> assertTrue(reader.read().size() >= threshold));
                    forwarder.stop();
                    int forwardedWhenStopped = reader.read().size();
                    assertTrue("the bundle was stopped after the stream ended (" + forwardedWhenStopped + " forwarded)",
                            forwardedWhenStopped < total);
                    forwarder.start();
                }
                Eventually.within(WAIT, () -> {
                    Set<String> missing = new TreeSet<>(expected);
                    missing.removeAll(reader.read());
                    assertEquals("values never forwarded", Set.of(), missing);
                });
                assertTrue("at least once, never fewer: " + reader.count() + " records forwarded",
                        reader.count() >= total);
            }
            Eventually.within(WAIT, () -> assertEquals(expected, bystander.values()));
            assertEquals("the bystander's consumption was never restarted, so it saw each record once",
                    total, bystander.received.size());
        } finally {
            forwarder.uninstall();
            bystanderRegistration.unregister();
        }
    }

    @Test
    public void aRecordTheReceiverKeepsFailingOnGoesToTheDeadLetterTopicAndLaterRecordsStillFlow() throws Exception {
        String topic = "itest-failing-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 1, (short) 1, Map.of());
        AtomicInteger poisonAttempts = new AtomicInteger();
        RecordingReceiver survivor = new RecordingReceiver();
        KafkaMessageReceiver failing = record -> {
            if (text(record.value()).startsWith("poison")) {
                poisonAttempts.incrementAndGet();
                throw new IllegalStateException("cannot digest " + text(record.value()));
            }
            survivor.receive(record);
        };
        ServiceRegistration<?> registration = register(failing, topic, null, "itest-failing");
        try {
            send(topic, "k", "ok-1").get(60, TimeUnit.SECONDS);
            send(topic, "k", "poison").get(60, TimeUnit.SECONDS);
            send(topic, "k", "ok-2").get(60, TimeUnit.SECONDS);

            Eventually.within(WAIT, () -> assertEquals(Set.of("ok-1", "ok-2"), survivor.values()));
            assertEquals("the default configuration gives a record three attempts", 3, poisonAttempts.get());
            String deadLetterTopic = topic + ".dlq";
            Eventually.within(WAIT, () -> assertTrue(topicAdmin.listTopics().stream()
                    .anyMatch(description -> description.name().equals(deadLetterTopic))));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
            try (Consumer<byte[], byte[]> consumer = newReader()) {
                TopicPartition partition = new TopicPartition(deadLetterTopic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                Eventually.within(WAIT, () -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
                    assertEquals(1, deadLetters.size());
                });
            }
            ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
            assertEquals("poison", text(deadLetter.value()));
            assertEquals("k", text(deadLetter.key()));
            assertEquals(IllegalStateException.class.getName(), header(deadLetter, "hyperiot.error.class"));
            assertEquals("cannot digest poison", header(deadLetter, "hyperiot.error.message"));
            assertEquals(topic, header(deadLetter, "hyperiot.source.topic"));
            assertEquals("0", header(deadLetter, "hyperiot.source.partition"));
            assertEquals("1", header(deadLetter, "hyperiot.source.offset"));
        } finally {
            registration.unregister();
        }
    }

    private ServiceRegistration<?> register(KafkaMessageReceiver receiver, String topic, String key, String group) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(KafkaMessageReceiver.TOPIC, topic);
        if (key != null) {
            properties.put(KafkaMessageReceiver.KEY, key);
        }
        if (group != null) {
            properties.put("hyperiot.kafka.group", group + "-" + UUID.randomUUID());
        }
        return bundleContext.registerService(KafkaMessageReceiver.class, receiver, properties);
    }

    private CompletableFuture<?> send(String topic, String key, String value) {
        return connector.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture();
    }

    private Consumer<byte[], byte[]> newReader() {
        return connector.newConsumer(Map.of("group.id", "itest-reader-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A bundle holding only {@link ForwardingReceiver}, so that stopping it removes the receiver the
     * way stopping a user's bundle would. Its manifest is written here rather than computed by a tool
     * because it has exactly four imports.
     */
    private static InputStream forwarderBundle(String input, String output) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        attributes.putValue(Constants.BUNDLE_SYMBOLICNAME, "org.hyperiot.streaming.itests.forwarder");
        attributes.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        attributes.putValue(Constants.BUNDLE_ACTIVATOR, ForwardingReceiver.class.getName());
        attributes.putValue(Constants.IMPORT_PACKAGE, "org.apache.kafka.clients.consumer,org.apache.kafka.clients.producer,"
                + "org.hyperiot.streaming.api.kafka,org.osgi.framework");
        attributes.putValue(ForwardingReceiver.FROM_HEADER, input);
        attributes.putValue(ForwardingReceiver.TO_HEADER, output);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            String entry = ForwardingReceiver.class.getName().replace('.', '/') + ".class";
            try (InputStream classFile = ListenerComponentsIT.class.getClassLoader().getResourceAsStream(entry)) {
                assertNotNull(entry + " is not in the probe", classFile);
                jar.putNextEntry(new JarEntry(entry));
                classFile.transferTo(jar);
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Remembers the values it received, duplicates included. */
    static final class RecordingReceiver implements KafkaMessageReceiver {

        final Collection<String> received = new ConcurrentLinkedQueue<>();

        @Override
        public void receive(ConsumerRecord<byte[], byte[]> record) {
            received.add(text(record.value()));
        }

        Set<String> values() {
            return new HashSet<>(received);
        }
    }

    /** Reads the whole output topic, keeping every value seen so far and the number of records. */
    private final class OutputReader implements AutoCloseable {

        private final Consumer<byte[], byte[]> consumer = newReader();
        private final Map<String, Integer> seen = new HashMap<>();
        private int count;

        OutputReader(String topic) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
        }

        Set<String> read() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                seen.merge(text(record.value()), 1, Integer::sum);
                count++;
            }
            return new HashSet<>(seen.keySet());
        }

        int count() {
            return count;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /**
     * The receiver of the forwarder bundle: registered by its own activator (so it is gone while the
     * bundle is stopped), under an explicit group so its offsets survive the restart, and forwarding
     * each record to the output topic before returning, so a record is committed only once forwarded.
     * It touches nothing of the enclosing test class, which is not in its bundle.
     */
    public static final class ForwardingReceiver implements KafkaMessageReceiver, BundleActivator {

        static final String FROM_HEADER = "Itest-Forward-From";
        static final String TO_HEADER = "Itest-Forward-To";

        volatile KafkaConnector connector;
        volatile String output;

        @Override
        public void start(BundleContext context) {
            ServiceReference<KafkaConnector> reference = context.getServiceReference(KafkaConnector.class);
            connector = context.getService(reference);
            output = context.getBundle().getHeaders().get(TO_HEADER);
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(KafkaMessageReceiver.TOPIC, context.getBundle().getHeaders().get(FROM_HEADER));
            properties.put("hyperiot.kafka.group", "itest-forwarder-" + context.getBundle().getLocation());
            context.registerService(KafkaMessageReceiver.class, this, properties);
        }

        @Override
        public void stop(BundleContext context) {
            // The framework unregisters the receiver and releases the connector.
        }

        @Override
        public void receive(ConsumerRecord<byte[], byte[]> record) throws Exception {
            connector.send(new ProducerRecord<>(output, record.key(), record.value())).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
