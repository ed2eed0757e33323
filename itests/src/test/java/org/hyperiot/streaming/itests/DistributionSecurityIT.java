package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The built distribution started by {@code bin/streaming} as a user starts it, attacked as issue 15
 * describes: JMX with non-admin accounts, secrets in files, process lists and Karaf's environment,
 * the embedded broker without credentials. Also that the launcher's heap setting reaches Karaf's JVM.
 * One node (with its embedded broker) for the whole class; a second node joins its broker.
 */
public class DistributionSecurityIT {

    /** Not the default (1024m): proves that the variable, not some default, sets the heap. */
    private static final String MAX_HEAP = "640m";
    private static final long MAX_HEAP_BYTES = 640L * 1024 * 1024;
    /** Shared by two users: their stored hashes must still differ (salt). */
    private static final String USER_PASSWORD = "pw-" + UUID.randomUUID();

    private static Path home;
    private static DistributionNode node;
    private static String password;
    private static int kafkaPort;

    @BeforeClass
    public static void startNodeWithNonAdminUsers() throws Exception {
        home = KarafOptions.WORK.resolve("dist-security-" + UUID.randomUUID());
        password = "pw-" + UUID.randomUUID();
        kafkaPort = Ports.freePair();
        node = new DistributionNode(home, Ports.free(), password, Map.of("STREAMING_KAFKA_PORT", Integer.toString(kafkaPort),
                "JAVA_MAX_MEM", MAX_HEAP));
        // The users an operator adds by hand before the first start, passwords in clear (Karaf hashes
        // them): an API manager, an API viewer, and one with Karaf's own manager and viewer roles.
        // The launcher copies the distribution's etc/ only into a home that has none.
        copyDirectory(KarafOptions.DISTRIBUTION.resolve("etc"), home.resolve("etc"));
        Files.writeString(home.resolve("etc/users.properties"), String.join("\n",
                "operator = " + USER_PASSWORD + ",_g_:streaming-managers",
                "auditor = " + USER_PASSWORD + ",_g_:streaming-viewers",
                "karafmanager = " + USER_PASSWORD + ",manager,viewer", ""), StandardOpenOption.APPEND);
        node.start();
    }

    @AfterClass
    public static void stopNode() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    public void theHeapSettingReachesKarafsJvm() throws Exception {
        List<String> arguments = karafArguments();
        assertTrue(arguments.toString(), arguments.contains("-Xmx" + MAX_HEAP));
        // The minimum defaults to the maximum.
        assertTrue(arguments.toString(), arguments.contains("-Xms" + MAX_HEAP));

        HttpResponse<String> metrics = node.http().get("/metrics", "admin", password);
        assertEquals(metrics.body(), 200, metrics.statusCode());
        Matcher heapMax = Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\"\\} (\\S+)$").matcher(metrics.body());
        assertTrue(metrics.body(), heapMax.find());
        double reported = Double.parseDouble(heapMax.group(1));
        // The JVM reports the maximum less one survivor space: within a few percent of -Xmx, far from the default quarter of RAM.
        assertTrue("heap max " + reported, reported <= MAX_HEAP_BYTES && reported > MAX_HEAP_BYTES * 0.85);
    }

    /**
     * Issue 14: users added while the node runs must log in at once, every time. Karaf rewrites
     * users.properties in place (jaas:* commands once per command, its encryption watcher whenever
     * the file changes), so batches of jaas:* commands lost or garbled users under load; the
     * launcher's user-add replaces the file atomically with the password already hashed.
     */
    @Test
    public void usersAddedWhileTheNodeRunsLogInAtOnceEveryTime() throws Exception {
        Http http = node.http();
        List<String> failures = new ArrayList<>();
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            String viewer = "viewer-" + id;
            String manager = "manager-" + id;
            String secret = "pw-" + UUID.randomUUID();
            node.addUser(viewer, secret, "streaming-viewers");
            node.addUser(manager, secret, "streaming-managers");
            int viewerList = http.get("/streams", viewer, secret).statusCode();
            int managerList = http.get("/streams", manager, secret).statusCode();
            // A manager may start streams (404: there is no such stream), a viewer may not (403).
            int managerStart = http.post("/streams/no-such-stream/start", "", manager, secret).statusCode();
            int viewerStart = http.post("/streams/no-such-stream/start", "", viewer, secret).statusCode();
            if (viewerList != 200 || managerList != 200 || managerStart != 404 || viewerStart != 403) {
                failures.add("round " + round + ": viewer " + viewerList + "/" + viewerStart + ", manager " + managerList
                        + "/" + managerStart);
            }
        }
        assertTrue(String.join("\n", failures), failures.isEmpty());
        String users = Files.readString(home.resolve("etc/users.properties"));
        assertFalse("a clear password in users.properties", users.contains("pw-"));
        // Bad input changes nothing: an existing user, a name that is no name, a short password.
        String before = users;
        for (String[] bad : List.of(new String[] {"operator", "long-enough-password"},
                new String[] {"x = y", "long-enough-password"}, new String[] {"shorty", "short"})) {
            Process process = node.launch(KarafOptions.WORK.resolve("user-add-" + UUID.randomUUID() + ".out"), "user-add",
                    bad[0], "streaming-viewers");
            try (var stdin = process.getOutputStream()) {
                stdin.write((bad[1] + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertNotEquals("user-add " + bad[0] + " succeeded", 0, process.exitValue());
        }
        assertEquals(before, Files.readString(home.resolve("etc/users.properties")));
        System.out.println("users added while running: " + rounds + " rounds of a viewer and a manager, each logged in at once");
    }

    @Test
    public void jmxGivesNonAdminsNeitherBundlesNorConfiguration() throws Exception {
        ObjectName bundles = new ObjectName("org.apache.karaf:type=bundle,name=root");
        ObjectName config = new ObjectName("org.apache.karaf:type=config,name=root");
        for (String user : List.of("operator", "auditor", "karafmanager")) {
            try (JMXConnector connector = jmx(user, USER_PASSWORD)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                assertDenied(user + " installed a bundle", () -> server.invoke(bundles, "install",
                        new Object[] {"mvn:org.example/anything/1.0"}, new String[] {String.class.getName()}));
                assertDenied(user + " listed the bundles", () -> server.getAttribute(bundles, "Bundles"));
                assertDenied(user + " changed a role", () -> server.invoke(config, "setProperty",
                        new Object[] {"org.hyperiot.streaming.rest", "role.admin", "streaming-manager"},
                        new String[] {String.class.getName(), String.class.getName(), String.class.getName()}));
                assertDenied(user + " read a configuration", () -> server.invoke(config, "listProperties",
                        new Object[] {"org.hyperiot.streaming.kafka"}, new String[] {String.class.getName()}));
                assertDenied(user + " read a property", () -> server.invoke(config, "getProperty",
                        new Object[] {"org.hyperiot.streaming.kafka", ".kafka.all.sasl.jaas.config"},
                        new String[] {String.class.getName(), String.class.getName()}));
                assertDenied(user + " listed the configurations", () -> server.getAttribute(config, "Configs"));
            }
        }
        // The same calls work for the admin: the denials above come from the access lists, not from a broken connector.
        try (JMXConnector connector = jmx("admin", password)) {
            @SuppressWarnings("unchecked")
            Map<String, String> kafka = (Map<String, String>) connector.getMBeanServerConnection().invoke(config,
                    "listProperties", new Object[] {"org.hyperiot.streaming.kafka"}, new String[] {String.class.getName()});
            assertEquals("SASL_PLAINTEXT", kafka.get("kafka.all.security.protocol"));
        }
    }

    @Test
    public void passwordsAreStoredAsSaltedHashes() throws Exception {
        Properties users = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("etc/users.properties"))) {
            users.load(reader);
        }
        String operator = users.getProperty("operator");
        String auditor = users.getProperty("auditor");
        String admin = users.getProperty("admin");
        for (String entry : List.of(operator, auditor, admin)) {
            assertTrue(entry, entry.startsWith("{CRYPT}"));
            String hash = entry.substring("{CRYPT}".length(), entry.indexOf("{CRYPT}", 1));
            String bcrypt = new String(java.util.Base64.getDecoder().decode(hash), StandardCharsets.UTF_8);
            assertTrue(bcrypt, bcrypt.matches("\\$2[aby]\\$1\\d\\$.{53}"));
        }
        assertFalse(operator.contains(USER_PASSWORD));
        assertNotEquals("same password, same hash: no salt", operator.split(",")[0], auditor.split(",")[0]);
    }

    @Test
    public void secretsAreNeitherInKarafsEnvironmentNorOnTheShellClientsCommandLine() throws Exception {
        ProcessHandle karaf = node.karafProcess().orElseThrow();
        String environment = Files.readString(Path.of("/proc", Long.toString(karaf.pid()), "environ"), StandardCharsets.UTF_8);
        assertFalse("STREAMING_ADMIN_PASSWORD reached Karaf", environment.contains("STREAMING_ADMIN_PASSWORD"));
        assertFalse("the admin password is in Karaf's environment", environment.contains(password));

        Path output = KarafOptions.WORK.resolve("shell-" + UUID.randomUUID() + ".out");
        // The client JVM lives for seconds (start, SSH login, command): long enough to be seen.
        Process shell = node.launch(output, "shell", "shell:echo slept");
        try {
            Optional<String> client = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.isEmpty() && System.nanoTime() < deadline && shell.isAlive()) {
                client = processCommandLines().stream()
                        .filter(line -> line.contains("org.apache.karaf.client.Main") && line.contains(home.toString()))
                        .findFirst();
                Thread.sleep(20);
            }
            assertTrue("no Karaf client process seen; output: " + Files.readString(output), client.isPresent());
            assertTrue(client.get(), client.get().contains(" -k " + home.resolve("keys/shell.pem")));
            assertFalse(client.get(), client.get().contains(password));
            assertFalse(client.get(), client.get().contains(" -p "));
            assertTrue(shell.waitFor(60, TimeUnit.SECONDS));
            assertEquals(Files.readString(output), 0, shell.exitValue());
            assertTrue(Files.readString(output), Files.readString(output).contains("slept"));
        } finally {
            shell.destroyForcibly();
        }
        // Nothing else the launcher started carries it on its command line either.
        for (String line : processCommandLines()) {
            assertFalse(line, line.contains(password));
        }
    }

    @Test
    public void theHomeAndEverySecretInItAreTheOwnersOnly() throws Exception {
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(home));
        Set<PosixFilePermission> ownerReadWrite = PosixFilePermissions.fromString("rw-------");
        for (String secret : List.of("etc/users.properties", "etc/keys.properties", "keys/shell.pem",
                "kafka/client.credentials", "kafka/broker.credentials", "kafka/data/server.properties",
                "etc/org.hyperiot.streaming.kafka.cfg", "data/port", "logs/audit.log")) {
            Path file = home.resolve(secret);
            assertTrue(secret + " is missing", Files.exists(file));
            assertEquals(secret, ownerReadWrite, Files.getPosixFilePermissions(file));
        }
        EnumSet<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        List<String> open = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(file -> !Files.isSymbolicLink(file)).forEach(file -> {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                    permissions.retainAll(others);
                    if (!permissions.isEmpty()) {
                        open.add(home.relativize(file) + " " + permissions);
                    }
                } catch (IOException e) {
                    // Gone while walking (Kafka and Karaf rotate files): nothing to check.
                }
            });
        }
        assertTrue("readable by others: " + open, open.isEmpty());
    }

    @Test
    public void failedLoginsGoToTheAuditLogOnly() throws Exception {
        String intruder = "intruder-" + UUID.randomUUID();
        assertEquals(401, node.http().get("/cluster", intruder, "guess").statusCode());
        Path audit = home.resolve("logs/audit.log");
        Eventually.within(Duration.ofSeconds(15), () -> assertTrue(Files.readString(audit).contains("user=\"" + intruder + "\"")));
        assertFalse("the audit line also went to karaf.log", node.karafLog().contains(intruder));
    }

    @Test
    public void theEmbeddedBrokerRefusesClientsWithoutItsCredentials() throws Exception {
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("kafka/client.credentials"))) {
            credentials.load(reader);
        }
        String user = credentials.getProperty("username");
        String secret = credentials.getProperty("password");
        assertNotNull(secret);

        Map<String, Object> plaintext = Map.of(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        assertRefused("a PLAINTEXT client", clusterId(plaintext));
        Map<String, Object> wrongPassword = scram(user, secret + "x");
        Exception refused = clusterId(wrongPassword).orElseThrow(() -> new AssertionError("a wrong password was accepted"));
        assertTrue(String.valueOf(refused), causedBy(refused, SaslAuthenticationException.class));
        Map<String, Object> plainAsNode = Map.of(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\"" + secret + "\";");
        assertRefused("the node's user over PLAIN", clusterId(plainAsNode));
        // The right credentials get in: the refusals above are about credentials, not a dead broker.
        assertTrue(clusterId(scram(user, secret)).isEmpty());
    }

    /**
     * A second node on the same machine uses the first node's embedded broker, as the README says:
     * KAFKA_BOOTSTRAP_SERVERS plus STREAMING_KAFKA_CREDENTIALS naming the first node's client credentials.
     */
    @Test
    public void aSecondNodeJoinsTheEmbeddedBrokerWithTheFirstNodesCredentials() throws Exception {
        Path secondHome = KarafOptions.WORK.resolve("dist-security-second-" + UUID.randomUUID());
        DistributionNode second = new DistributionNode(secondHome, Ports.free(), password, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort, "STREAMING_NODE_ID", "2",
                "STREAMING_KAFKA_CREDENTIALS", home.resolve("kafka/client.credentials").toString(),
                "JAVA_MAX_MEM", "512m"));
        try {
            String started = second.start();
            assertFalse(started, started.contains("starting the embedded Kafka broker"));
            Eventually.within(Duration.ofSeconds(60), () -> {
                String cluster = node.http().get("/cluster", "admin", password).body();
                assertTrue(cluster, cluster.contains("\"nodeId\":\"2\""));
            });
            HttpResponse<String> health = second.http().get("/health", "admin", password);
            assertEquals(health.body(), 200, health.statusCode());
        } finally {
            second.stop();
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static List<String> karafArguments() throws IOException {
        ProcessHandle karaf = node.karafProcess().orElseThrow();
        byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(karaf.pid()), "cmdline"));
        return List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
    }

    private static JMXConnector jmx(String user, String userPassword) throws Exception {
        Properties ports = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("run/ports"))) {
            ports.load(reader);
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + ports.getProperty("jmx.server")
                + "/jndi/rmi://127.0.0.1:" + ports.getProperty("jmx.registry") + "/karaf-root");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, userPassword}));
    }

    @FunctionalInterface
    private interface JmxCall {
        Object call() throws Exception;
    }

    private static void assertDenied(String what, JmxCall call) {
        try {
            Object result = call.call();
            fail(what + ": " + result);
        } catch (Exception e) {
            assertTrue(what + " failed, but not for lack of rights: " + e, causedBy(e, SecurityException.class));
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> scram(String user, String secret) {
        return Map.of(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + secret + "\";");
    }

    /** Empty if the client read the cluster id, else why it could not. */
    private static Optional<Exception> clusterId(Map<String, Object> security) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        config.putAll(security);
        try (Admin admin = Admin.create(config)) {
            assertFalse(admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS).isEmpty());
            return Optional.empty();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(String who, Optional<Exception> outcome) {
        assertTrue(who + " read the cluster id", outcome.isPresent());
    }

    /** Command lines of every process, arguments joined by spaces. */
    private static List<String> processCommandLines() {
        List<String> lines = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
                lines.add(new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' '));
            } catch (IOException | SecurityException e) {
                // Ended meanwhile, or not ours to read.
            }
        });
        return lines;
    }
}
