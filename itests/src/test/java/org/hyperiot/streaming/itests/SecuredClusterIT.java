package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka connector against a secured cluster: a broker of its own with a SASL_PLAINTEXT listener
 * (PLAIN and SCRAM-SHA-512) and a TLS listener, besides the PLAINTEXT one used to set it up. Each
 * test points the connector at one listener by writing {@code etc/org.hyperiot.streaming.kafka.cfg}
 * with the lines docs/kafka-connector.md gives, the way an operator would, and checks what the
 * operator sees: {@code /health}, records going through the producer, a consumer and a listener
 * component, and the log when the credentials are wrong.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecuredClusterIT {

    private static final String PID = "org.hyperiot.streaming.kafka";
    /** A key the connector ignores (no kafka.* prefix) that tells which configuration its service carries. */
    private static final String GENERATION = "itest.configuration.generation";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same in every test method of the container, so every secrecy check looks for it. */
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();
    private static final String PLAIN_USER = "alice";
    private static final String SCRAM_USER = "bob";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private static final String SASL_SERVERS = "itest.secured.sasl";
    private static final String SSL_SERVERS = "itest.secured.ssl";
    private static final String TRUSTSTORE = "itest.secured.truststore";
    private static final String TRUSTSTORE_PASSWORD = "itest.secured.truststore.password";
    private static final String PLAIN_PASSWORD = "itest.secured.plain.password";
    private static final String SCRAM_PASSWORD = "itest.secured.scram.password";

    /** Set in the driver JVM only, where the broker runs; the container's copy of this class sees null. */
    private static SecuredBroker broker;

    @Inject
    private BundleContext bundleContext;

    /** Not used directly: it makes the tests wait until the connector came up with its first configuration. */
    @Inject
    @Filter(timeout = 120_000)
    private KafkaConnector initialConnector;

    /** Runs in the driver JVM: starts the secured broker, then a Karaf whose connector uses its PLAINTEXT listener. */
    /** The probe starts once Karaf has started its boot features ({@link ProbeWaitsForBoot}). */
    @ProbeBuilder
    public TestProbeBuilder probeWaitsForBoot(TestProbeBuilder probe) {
        return ProbeWaitsForBoot.onProbe(probe);
    }

    @Configuration
    public Option[] configuration() throws Exception {
        SecuredBroker started = SecuredBroker.startOnce();
        List<Option> options = new ArrayList<>(KarafOptions.stockKaraf(Ports.free()));
        options.add(editConfigurationFilePut("etc/" + PID + ".cfg", "bootstrap.servers",
                started.process.bootstrapServers()));
        options.add(systemProperty(SASL_SERVERS).value(started.saslServers));
        options.add(systemProperty(SSL_SERVERS).value(started.sslServers));
        options.add(systemProperty(TRUSTSTORE).value(started.truststore.toAbsolutePath().toString()));
        options.add(systemProperty(TRUSTSTORE_PASSWORD).value(started.truststorePassword));
        options.add(systemProperty(PLAIN_PASSWORD).value(started.plainPassword));
        options.add(systemProperty(SCRAM_PASSWORD).value(started.scramPassword));
        options.add(features(maven().groupId("org.hyperiot.streaming").artifactId("hyperiot-streaming-features")
                .version(KarafOptions.PROJECT_VERSION).classifier("features").type("xml"),
                "hyperiot-streaming-kafka", "hyperiot-streaming-rest"));
        return options.toArray(new Option[0]);
    }

    /** Runs in the driver after the class (a no-op in the container, where {@link #broker} is null). */
    @AfterClass
    public static void stopBroker() {
        if (broker != null) {
            broker.process.stop();
        }
    }

    @Test
    public void saslPlainWithTheRightPasswordCarriesRecordsBothWays() throws Exception {
        KafkaConnector connector = configure(sasl("PLAIN", PLAIN_LOGIN, PLAIN_USER, property(PLAIN_PASSWORD)));

        assertHealthUpAndRecordsFlow(connector, property(SASL_SERVERS), "plain");
    }

    @Test
    public void saslScramSha512WithTheRightPasswordCarriesRecordsBothWays() throws Exception {
        KafkaConnector connector = configure(sasl("SCRAM-SHA-512", SCRAM_LOGIN, SCRAM_USER, property(SCRAM_PASSWORD)));

        assertHealthUpAndRecordsFlow(connector, property(SASL_SERVERS), "scram");
    }

    @Test
    public void tlsWithTheBrokersCertificateInTheTruststoreCarriesRecordsBothWays() throws Exception {
        Map<String, String> tls = new LinkedHashMap<>();
        tls.put("bootstrap.servers", property(SSL_SERVERS));
        tls.put("kafka.all.security.protocol", "SSL");
        tls.put("kafka.all.ssl.truststore.location", property(TRUSTSTORE));
        tls.put(".kafka.all.ssl.truststore.password", property(TRUSTSTORE_PASSWORD));
        tls.put("kafka.all.ssl.truststore.type", "PKCS12");
        KafkaConnector connector = configure(tls);

        assertHealthUpAndRecordsFlow(connector, property(SSL_SERVERS), "tls");
    }

    @Test
    public void refusedCredentialsMakeHealthDownWithTheReasonAndOneWarningInTheLog() throws Exception {
        Map<String, String> untrusted = new LinkedHashMap<>();
        untrusted.put("bootstrap.servers", property(SSL_SERVERS));
        untrusted.put("kafka.all.security.protocol", "SSL");
        List<Refusal> refusals = List.of(
                new Refusal(sasl("PLAIN", PLAIN_LOGIN, PLAIN_USER, WRONG_PASSWORD), "authentication failed: ",
                        "Invalid username or password"),
                new Refusal(sasl("SCRAM-SHA-512", SCRAM_LOGIN, SCRAM_USER, WRONG_PASSWORD), "authentication failed: ",
                        "invalid credentials with SASL mechanism SCRAM-SHA-512"),
                // No truststore: the JDK's default one does not vouch for the test broker's certificate.
                new Refusal(untrusted, "TLS handshake failed: ", "unable to find valid certification path"));
        Path karafLog = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        for (Refusal refusal : refusals) {
            configure(refusal.settings);
            String servers = refusal.settings.get("bootstrap.servers");

            String[] error = new String[1];
            Eventually.within(WAIT, () -> {
                HttpResponse<String> response = health();
                assertEquals(response.body(), 503, response.statusCode());
                assertHealthShowsNoSecret(response.body());
                JsonNode kafka = JSON.readTree(response.body()).path("components").path("kafka");
                assertEquals("DOWN", kafka.path("status").asText());
                assertEquals(servers, kafka.path("bootstrapServers").asText());
                error[0] = kafka.path("error").asText();
                assertTrue(error[0], error[0].startsWith(refusal.prefix));
            });
            assertTrue(error[0], error[0].contains(refusal.detail));
            // Health is asked again and again; the log says it once for this configuration.
            for (int i = 0; i < 3; i++) {
                assertEquals(503, health().statusCode());
            }
            String expectedLine = "Kafka cluster at " + servers + " is unreachable: " + error[0];
            Eventually.within(WAIT, () -> {
                List<String> warnings = Files.readAllLines(karafLog, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains("WARN") && line.contains(expectedLine))
                        .collect(Collectors.toList());
                assertEquals(expectedLine + " in " + karafLog, 1, warnings.size());
            });
        }
        assertNoSecret(Files.readString(karafLog, StandardCharsets.UTF_8));
    }

    /**
     * /health is UP for the expected listener without showing a secret; a record sent with the shared
     * producer is read back by a consumer of the connector and delivered to a listener component.
     */
    private void assertHealthUpAndRecordsFlow(KafkaConnector connector, String bootstrapServers, String label)
            throws Exception {
        Eventually.within(WAIT, () -> {
            HttpResponse<String> response = health();
            assertEquals(response.body(), 200, response.statusCode());
            JsonNode kafka = JSON.readTree(response.body()).path("components").path("kafka");
            assertEquals("UP", kafka.path("status").asText());
            assertEquals(bootstrapServers, kafka.path("bootstrapServers").asText());
            assertEquals(1, kafka.path("brokers").asInt());
            assertHealthShowsNoSecret(response.body());
        });

        String topic = "itest-secured-" + label + "-" + UUID.randomUUID();
        Admin admin = connector.newAdmin(Map.of());
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } finally {
            close(admin);
        }
        RecordingReceiver receiver = new RecordingReceiver();
        Dictionary<String, Object> receiverProperties = new Hashtable<>();
        receiverProperties.put(KafkaMessageReceiver.TOPIC, topic);
        receiverProperties.put("hyperiot.kafka.group", "itest-secured-" + UUID.randomUUID());
        ServiceRegistration<KafkaMessageReceiver> registration =
                bundleContext.registerService(KafkaMessageReceiver.class, receiver, receiverProperties);
        try {
            String value = label + " " + UUID.randomUUID();
            RecordMetadata sent = connector.send(new ProducerRecord<>(topic, label.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get(60, TimeUnit.SECONDS);

            try (Consumer<byte[], byte[]> consumer = connector.newConsumer(Map.of(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seek(partition, sent.offset());
                List<String> read = new ArrayList<>();
                Eventually.within(WAIT, () -> {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        read.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                    assertEquals(List.of(value), read);
                });
            }
            Eventually.within(WAIT, () -> assertEquals(List.of(value), new ArrayList<>(receiver.received)));
        } finally {
            registration.unregister();
        }
    }

    /**
     * Rewrites etc/org.hyperiot.streaming.kafka.cfg with {@code settings}, as an operator would, and
     * returns the connector service once it carries them (the {@link #GENERATION} key tells), after
     * checking that the secrets among them stayed out of its service properties.
     */
    private KafkaConnector configure(Map<String, String> settings) throws Exception {
        String generation = UUID.randomUUID().toString();
        StringBuilder file = new StringBuilder("# Written by SecuredClusterIT\n");
        settings.forEach((key, value) -> file.append(key).append(" = ").append(value).append('\n'));
        file.append(GENERATION).append(" = ").append(generation).append('\n');
        Path etc = Path.of(System.getProperty("karaf.etc"));
        // Written aside and moved in, so that Karaf never reads half a file.
        Path written = Files.writeString(etc.resolve(PID + ".cfg.tmp"), file, StandardCharsets.UTF_8);
        Files.move(written, etc.resolve(PID + ".cfg"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);

        List<ServiceReference<KafkaConnector>> found = new ArrayList<>();
        Eventually.within(WAIT, () -> {
            found.addAll(bundleContext.getServiceReferences(KafkaConnector.class,
                    "(" + GENERATION + "=" + generation + ")"));
            assertFalse("no connector with configuration " + generation + " yet", found.isEmpty());
        });
        ServiceReference<KafkaConnector> reference = found.get(0);
        StringBuilder published = new StringBuilder();
        for (String key : reference.getPropertyKeys()) {
            published.append(key).append('=').append(reference.getProperty(key)).append('\n');
        }
        assertNoSecret(published.toString());
        assertFalse("a JAAS configuration shows in: " + published, published.toString().contains("LoginModule"));
        KafkaConnector connector = bundleContext.getService(reference);
        assertNotNull(connector);
        return connector;
    }

    private static Map<String, String> sasl(String mechanism, String loginModule, String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", property(SASL_SERVERS));
        settings.put("kafka.all.security.protocol", "SASL_PLAINTEXT");
        settings.put("kafka.all.sasl.mechanism", mechanism);
        // The leading dot keeps the secret out of the connector's service properties.
        settings.put(".kafka.all.sasl.jaas.config",
                loginModule + " required username=\"" + user + "\" password=\"" + password + "\";");
        return settings;
    }

    private static void assertNoSecret(String text) {
        for (String secret : List.of(property(PLAIN_PASSWORD), property(SCRAM_PASSWORD), property(TRUSTSTORE_PASSWORD),
                WRONG_PASSWORD)) {
            assertFalse("a secret shows in: " + text, text.contains(secret));
        }
    }

    /** A /health body shows neither a password nor the JAAS configuration that holds it. */
    private static void assertHealthShowsNoSecret(String body) {
        assertNoSecret(body);
        assertFalse("a JAAS configuration shows in: " + body, body.contains("LoginModule"));
    }

    private static HttpResponse<String> health() throws Exception {
        return new Http("http://127.0.0.1:" + System.getProperty("hyperiot.itest.http.port") + "/streaming/api/v1")
                .get("/health", "viewer", "viewerpw");
    }

    /** Closes a client with kafka-clients' own loader as TCCL, as the connector does. */
    private static void close(Admin admin) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(name + " is not set", value);
        return value;
    }

    /** Settings the cluster refuses, and the start and a fragment of the reason /health must give. */
    private record Refusal(Map<String, String> settings, String prefix, String detail) {
    }

    /** Remembers the values it received, duplicates included. */
    static final class RecordingReceiver implements KafkaMessageReceiver {

        final Collection<String> received = new ConcurrentLinkedQueue<>();

        @Override
        public void receive(ConsumerRecord<byte[], byte[]> record) {
            received.add(new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    /**
     * The broker of this class (driver side): PLAINTEXT for setting it up, SASL_PLAINTEXT with PLAIN
     * (users from the broker's JAAS options) and SCRAM-SHA-512 (credentials stored in the cluster
     * metadata, added over PLAINTEXT), and SSL with a certificate made by keytool for this run.
     */
    static final class SecuredBroker {

        final BrokerProcess process;
        final String saslServers;
        final String sslServers;
        final Path truststore;
        final String truststorePassword;
        final String plainPassword;
        final String scramPassword;

        private SecuredBroker(BrokerProcess process, String saslServers, String sslServers, Path truststore,
                String truststorePassword, String plainPassword, String scramPassword) {
            this.process = process;
            this.saslServers = saslServers;
            this.sslServers = sslServers;
            this.truststore = truststore;
            this.truststorePassword = truststorePassword;
            this.plainPassword = plainPassword;
            this.scramPassword = scramPassword;
        }

        static synchronized SecuredBroker startOnce() throws Exception {
            if (broker == null) {
                broker = start(KarafOptions.WORK.resolve("secured-" + UUID.randomUUID()));
                SecuredBroker started = broker;
                // In case the class is interrupted before its @AfterClass.
                Runtime.getRuntime().addShutdownHook(new Thread(started.process::stop, "stop-secured-broker"));
            }
            return broker;
        }

        static SecuredBroker start(Path work) throws Exception {
            Files.createDirectories(work);
            String storePassword = secret();
            String plainPassword = secret();
            String scramPassword = secret();
            Path keystore = work.resolve("broker-keystore.p12");
            Path truststore = work.resolve("client-truststore.p12");
            Path certificate = work.resolve("broker.pem");
            keytool(work, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", storePassword,
                    "-keypass", storePassword);
            keytool(work, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", storePassword, "-file", certificate.toString());
            keytool(work, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                    "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);

            int port = Ports.freePair();
            int saslPort = Ports.free();
            int sslPort = Ports.free();
            String host = "127.0.0.1";
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + (port + 1)
                    + ",SASL_PLAINTEXT://" + host + ":" + saslPort + ",SSL://" + host + ":" + sslPort);
            overrides.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port + ",SASL_PLAINTEXT://" + host + ":"
                    + saslPort + ",SSL://" + host + ":" + sslPort);
            overrides.put("listener.security.protocol.map",
                    "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL");
            overrides.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
            overrides.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    PLAIN_LOGIN + " required user_" + PLAIN_USER + "=\"" + plainPassword + "\";");
            overrides.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", SCRAM_LOGIN + " required;");
            overrides.put("listener.name.ssl.ssl.keystore.location", keystore.toString());
            overrides.put("listener.name.ssl.ssl.keystore.password", storePassword);
            overrides.put("listener.name.ssl.ssl.key.password", storePassword);
            overrides.put("listener.name.ssl.ssl.keystore.type", "PKCS12");
            // ACLs stay enforced; the SASL users get every right, TLS clients are ANONYMOUS like PLAINTEXT ones.
            overrides.put("super.users", "User:ANONYMOUS;User:" + PLAIN_USER + ";User:" + SCRAM_USER);
            BrokerProcess process = new BrokerProcess(KarafOptions.BROKER_CLASSPATH, work.resolve("broker"), port,
                    overrides);
            process.start();
            addScramUser(process.bootstrapServers(), scramPassword);
            return new SecuredBroker(process, host + ":" + saslPort, host + ":" + sslPort, truststore, storePassword,
                    plainPassword, scramPassword);
        }

        private static void addScramUser(String bootstrapServers, String password) throws Exception {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            try (Admin admin = Admin.create(config)) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                        .all().get(60, TimeUnit.SECONDS);
            }
        }

        private static void keytool(Path work, String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Path output = work.resolve("keytool.out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + Files.readString(output));
            }
        }

        private static String secret() {
            return UUID.randomUUID().toString().replace("-", "");
        }
    }
}
