package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A change of the connector's configuration while records are being sent: through Config Admin (as
 * {@code config:edit} does) and by editing the {@code .cfg} file. Every send completes, every record
 * reaches Kafka and a listener component, and the connector ends up on the new bootstrap address.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReconfigurationIT extends StreamingKarafTestSupport {

    private static final String PID = "org.hyperiot.streaming.kafka";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int RECORDS = 30_000;

    @Inject
    private BundleContext bundleContext;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Override
    protected String feature() {
        return "hyperiot-streaming-kafka";
    }

    @Test
    public void aConfigurationChangeReconnectsWhileSendingGoesOn() throws Exception {
        String topic = "itest-reconfigure-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 3, (short) 1, Map.of());
        String port = System.getProperty("hyperiot.itest.broker.port");
        String original = "127.0.0.1:" + port;
        String byName = "localhost:" + port;

        Set<String> received = ConcurrentHashMap.newKeySet();
        Dictionary<String, Object> receiverProperties = new Hashtable<>();
        receiverProperties.put(KafkaMessageReceiver.TOPIC, topic);
        ServiceRegistration<?> receiver = bundleContext.registerService(KafkaMessageReceiver.class,
                record -> received.add(new String(record.value(), StandardCharsets.UTF_8)), receiverProperties);

        AtomicInteger handedOver = new AtomicInteger();
        List<CompletableFuture<?>> sends = new ArrayList<>(RECORDS);
        AtomicReference<Throwable> senderError = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < RECORDS; i++) {
                    sends.add(connector.send(new ProducerRecord<>(topic, ("k" + i % 17).getBytes(StandardCharsets.UTF_8),
                            ("r-" + i).getBytes(StandardCharsets.UTF_8))).toCompletableFuture());
                    handedOver.incrementAndGet();
                    if (i % 200 == 199) {
                        // About 7 s in all, so that both changes land while records are still being sent.
                        TimeUnit.MILLISECONDS.sleep(45);
                    }
                }
            } catch (Throwable e) {
                senderError.set(e);
            }
        }, "itest-sender");
        try {
            sender.start();

            awaitHandedOver(handedOver, RECORDS / 4);
            Configuration configuration = configurationAdmin.getConfiguration(PID, null);
            Dictionary<String, Object> properties = configuration.getProperties();
            properties.put("bootstrap.servers", byName);
            configuration.update(properties);
            Eventually.within(WAIT, () -> assertEquals(byName, connector.clusterStatus().bootstrapServers()));
            assertTrue("the first change must land while records are being sent", sender.isAlive());

            awaitHandedOver(handedOver, RECORDS / 2);
            Path cfg = Path.of(System.getProperty("karaf.etc"), PID + ".cfg");
            String edited = Files.readString(cfg).replace(byName, original);
            assertTrue("the .cfg file holds the address set through Config Admin", edited.contains(original));
            Files.writeString(cfg, edited);
            Eventually.within(WAIT, () -> assertEquals(original, connector.clusterStatus().bootstrapServers()));
            assertTrue("the second change must land while records are being sent", sender.isAlive());

            sender.join(WAIT.toMillis());
            assertEquals(null, senderError.get());
            assertEquals(RECORDS, sends.size());
            int failed = 0;
            for (CompletableFuture<?> send : sends) {
                try {
                    send.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    failed++;
                }
            }
            assertEquals("sends that failed", 0, failed);
            assertTrue(connector.clusterStatus().reachable());
            assertEquals(RECORDS, recordsIn(topic));
            Eventually.within(WAIT, () -> assertEquals(RECORDS, received.size()));
        } finally {
            sender.interrupt();
            receiver.unregister();
        }
    }

    private static void awaitHandedOver(AtomicInteger handedOver, int count) throws Exception {
        Eventually.within(WAIT, () -> assertTrue(handedOver.get() >= count));
    }

    private long recordsIn(String topic) {
        try (Consumer<byte[], byte[]> reader = connector.newConsumer(Map.of(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
