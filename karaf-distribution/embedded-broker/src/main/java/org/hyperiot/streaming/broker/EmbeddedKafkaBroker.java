package org.hyperiot.streaming.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
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
 * <p>With {@code --broker-credentials} and {@code --client-credentials} (properties files with
 * {@code username} and {@code password}) every listener requires SASL: clients log in with
 * SCRAM-SHA-512 as the client user, whose credential the broker (re)writes into the cluster metadata
 * at every start before it reports ready, so a changed password applies on restart.
 *
 * <pre>
 * java -cp 'lib/kafka-broker/*' org.hyperiot.streaming.broker.EmbeddedKafkaBroker \
 *      --data-dir DIR [--host 127.0.0.1] [--port 9092] [--controller-port 9093]
 *      [--broker-credentials FILE --client-credentials FILE] [--override key=value]...
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
        // It holds the broker's password when secured: readable by its owner only.
        Files.deleteIfExists(propertiesFile);
        Files.createFile(propertiesFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(propertiesFile, StandardOpenOption.TRUNCATE_EXISTING)) {
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
        if (settings.secured()) {
            try {
                registerClientUser(settings);
            } catch (RuntimeException e) {
                // Without its client user the broker is of no use: exit (the shutdown hook stops the server).
                e.printStackTrace();
                System.exit(1);
            }
        }
        // Launchers and tests wait for this line (or for the port) before using the broker.
        System.out.println("Kafka broker ready on " + settings.host() + ":" + settings.port());
        System.out.flush();
        server.awaitShutdown();
    }

    /** SCRAM iterations of the client credential; Kafka accepts 4096 to 16384. */
    private static final int SCRAM_ITERATIONS = 8192;

    private static void registerClientUser(BrokerSettings settings) {
        Credentials client = settings.client();
        try (Admin admin = Admin.create(settings.brokerClientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(client.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), client.password())))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Registering the SCRAM user " + client.username() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
