package org.hyperiot.streaming.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), for one machine:
 * the launcher's default when no {@code KAFKA_BOOTSTRAP_SERVERS} is given, and the tests' broker.
 * It runs in a JVM of its own so that Kafka's Scala, Jackson and log4j stay away from Karaf, and so
 * that it can be killed and restarted independently.
 *
 * <p>The log directory is formatted on first start only; later starts reuse it, so topics and
 * offsets survive restarts. SIGTERM shuts the broker down cleanly.
 *
 * <pre>
 * java -cp 'lib/kafka-broker/*' org.hyperiot.streaming.broker.EmbeddedKafkaBroker \
 *      --data-dir DIR [--host 127.0.0.1] [--port 9092] [--controller-port 9093] [--override key=value]...
 * </pre>
 */
public final class EmbeddedKafkaBroker {

    private EmbeddedKafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        BrokerSettings settings;
        try {
            settings = BrokerSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BrokerSettings.USAGE);
            System.exit(2);
            return;
        }
        Properties properties = settings.serverProperties();
        Path propertiesFile = settings.dataDir().resolve("server.properties");
        Files.createDirectories(settings.logDir());
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            properties.store(out, "Written by EmbeddedKafkaBroker at every start");
        }
        if (!Files.exists(settings.logDir().resolve("meta.properties"))) {
            format(propertiesFile);
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "embedded-kafka-shutdown"));
        server.startup();
        // Launchers and tests wait for this line (or for the port) before using the broker.
        System.out.println("Kafka broker ready on " + settings.host() + ":" + settings.port());
        System.out.flush();
        server.awaitShutdown();
    }

    private static void format(Path propertiesFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
            "-c", propertiesFile.toString(), "--standalone"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }
}
