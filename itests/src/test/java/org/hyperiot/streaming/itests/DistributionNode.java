package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One node of the built distribution, run by {@code bin/streaming} as a user runs it, with its own
 * home (etc, data, logs) and ports. Several nodes can share the distribution.
 */
final class DistributionNode {

    private final Path home;
    private final int httpPort;
    private final String password;
    private final Map<String, String> environment;

    /**
     * @param environment variables for {@code bin/streaming} on top of the home, HTTP port and admin
     *                    password: {@code KAFKA_BOOTSTRAP_SERVERS} for an external broker,
     *                    {@code STREAMING_NODE_ID}, {@code STREAMING_KAFKA_PORT}, …
     */
    DistributionNode(Path home, int httpPort, String password, Map<String, String> environment) {
        this.home = home;
        this.httpPort = httpPort;
        this.password = password;
        this.environment = new HashMap<>(environment);
    }

    /**
     * The environment of a node that runs its own broker on {@code kafkaPort} (and the next port) and the
     * embedded Storm, every Storm daemon and worker slot on free ports.
     */
    static Map<String, String> withEmbeddedStorm(int kafkaPort) {
        return Map.of(
                "STREAMING_KAFKA_PORT", Integer.toString(kafkaPort),
                "STREAMING_EMBEDDED_STORM", "true",
                "STORM_NIMBUS_PORT", Integer.toString(Ports.free()),
                "STREAMING_STORM_ZOOKEEPER_PORT", Integer.toString(Ports.free()),
                "STREAMING_STORM_SUPERVISOR_PORT", Integer.toString(Ports.free()),
                "STREAMING_STORM_SLOT_PORT", Integer.toString(Ports.freePair()));
    }

    /** A node of its own broker and embedded Storm, started, with a fresh home under the tests' work folder. */
    static DistributionNode startedWithEmbeddedStorm(String homePrefix, String password, int kafkaPort) throws Exception {
        return startedWithEmbeddedStorm(homePrefix, password, kafkaPort, Map.of());
    }

    /**
     * The same, with configuration values set through Karaf's environment overrides from the start
     * ({@code ORG_HYPERIOT_STREAMING_STORM_KILL_WAIT_SECONDS} for {@code kill.wait.seconds} of
     * {@code org.hyperiot.streaming.storm}; the key must be in the shipped {@code .cfg}). Unlike a
     * {@code config:property-set} on the running node, this writes no file: fileinstall once read a
     * {@code .cfg} while Karaf rewrote it and saved it back empty, Nimbus port included.
     */
    static DistributionNode startedWithEmbeddedStorm(String homePrefix, String password, int kafkaPort,
            Map<String, String> configOverrides) throws Exception {
        Map<String, String> environment = new HashMap<>(withEmbeddedStorm(kafkaPort));
        environment.putAll(configOverrides);
        DistributionNode node = new DistributionNode(KarafOptions.WORK.resolve(homePrefix + "-" + UUID.randomUUID()),
                Ports.free(), password, environment);
        node.start();
        return node;
    }

    /** The environment variable Karaf reads to override {@code key} of configuration {@code pid}. */
    static String configOverride(String pid, String key) {
        return (pid + "." + key).toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Stops the node and checks that none of its processes (Karaf, broker, Storm daemons and workers) is left. */
    void stopLeavingNothing() throws Exception {
        stop();
        if (!processes().isEmpty()) {
            throw new AssertionError("processes left behind: " + processes());
        }
    }

    Path home() {
        return home;
    }

    String password() {
        return password;
    }

    Http http() {
        return new Http("http://127.0.0.1:" + httpPort + "/streaming/api/v1");
    }

    /** {@code bin/streaming start}: returns once the node's health is UP, with the launcher's output. */
    String start() throws Exception {
        return launcher("start");
    }

    /** {@code bin/streaming stop}: Karaf, then the embedded broker if this node runs one. */
    String stop() throws Exception {
        return launcher("stop");
    }

    /** {@code bin/streaming shell <command>}: one command in the node's Karaf shell, over SSH as admin. */
    String shell(String command) throws Exception {
        return launcher("shell", command);
    }

    /** SIGKILL to the Karaf JVM, as a crash would end it; returns once the process is gone. */
    void kill() throws Exception {
        ProcessHandle karaf = karafProcess().orElseThrow(() -> new IllegalStateException("Karaf does not run in " + home));
        karaf.destroyForcibly();
        karaf.onExit().get(30, TimeUnit.SECONDS);
    }

    boolean isRunning() {
        return karafProcess().map(ProcessHandle::isAlive).orElse(false);
    }

    String karafLog() throws IOException {
        Path log = home.resolve("logs/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The Karaf JVM of this node, while it runs. */
    Optional<ProcessHandle> karafProcess() {
        Path pidFile = home.resolve("run/karaf.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Processes whose command line or environment names this node's home: Karaf, the broker, Storm's daemons and workers. */
    List<Long> processes() {
        String marker = home.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> mentions(process.pid(), "cmdline", marker) || mentions(process.pid(), "environ", marker))
                .map(ProcessHandle::pid)
                .toList();
    }

    /** The processes of this home whose command line contains {@code text}. */
    List<Long> processes(String text) {
        return processes().stream().filter(pid -> mentions(pid, "cmdline", text)).toList();
    }

    /**
     * Worker JVMs of this node's Storm running {@code topologyId} (any topology when empty); not the log
     * writer JVM that Storm starts each worker through, whose command line names the worker's too.
     */
    List<Long> stormWorkers(String topologyId) {
        return processes("org.apache.storm.daemon.worker.Worker").stream()
                .filter(pid -> !mentions(pid, "cmdline", "org.apache.storm.LogWriter"))
                .filter(pid -> mentions(pid, "cmdline", topologyId))
                .toList();
    }

    /** The worker JVM of this node's Storm that runs {@code topologyId} in the slot {@code port}, if one does. */
    Optional<Long> stormWorker(String topologyId, int port) {
        return stormWorkers(topologyId).stream()
                .filter(pid -> mentions(pid, "cmdline", "-Dworker.port=" + port + "\0"))
                .findFirst();
    }

    private static boolean mentions(long pid, String file, String marker) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8)
                    .contains(marker);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Client properties for the node's embedded broker, as a client on this machine logs in: its
     * loopback listener and the SCRAM user {@code bin/streaming} wrote to {@code kafka/client.credentials}.
     */
    Map<String, Object> kafkaClient(int kafkaPort) throws IOException {
        Properties credentials = new Properties();
        try (var reader = Files.newBufferedReader(home.resolve("kafka/client.credentials"))) {
            credentials.load(reader);
        }
        return Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort,
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + credentials.getProperty("username") + "\" password=\"" + credentials.getProperty("password") + "\";");
    }

    /** {@code bin/streaming user-add <name> <groups...>} with the password on its standard input. */
    String addUser(String name, String userPassword, String... groups) throws Exception {
        List<String> command = new ArrayList<>(List.of("user-add", name));
        command.addAll(List.of(groups));
        return launcherWithInput(userPassword + "\n", command.toArray(new String[0]));
    }

    private String launcher(String... command) throws Exception {
        return launcherWithInput(null, command);
    }

    private String launcherWithInput(String input, String... command) throws Exception {
        Path outputFile = Files.createTempFile(prepareWork(), "launcher-", ".out");
        Process process = launcherProcess(command).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String shown = String.join(" ", command);
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        assertTrue("bin/streaming " + shown + " did not finish:\n" + output, finished);
        assertEquals("bin/streaming " + shown + " failed:\n" + output, 0, process.exitValue());
        return output;
    }

    /**
     * {@code bin/streaming <command>} started but not waited for, with its output in {@code output}:
     * for tests that look at the processes the launcher starts while they run.
     */
    Process launch(Path output, String... command) throws IOException {
        prepareWork();
        return launcherProcess(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static Path prepareWork() throws IOException {
        try (Stream<Path> scripts = Files.list(KarafOptions.DISTRIBUTION.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true));
        }
        return Files.createDirectories(KarafOptions.WORK);
    }

    private ProcessBuilder launcherProcess(String... command) {
        List<String> line = new ArrayList<>(List.of("bash", KarafOptions.DISTRIBUTION.resolve("bin/streaming").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line);
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("STREAMING_HOME", home.toString());
        env.put("STREAMING_HTTP_PORT", Integer.toString(httpPort));
        env.put("STREAMING_ADMIN_PASSWORD", password);
        env.put("STREAMING_START_TIMEOUT", "240");
        // No embedded Storm unless a test asks for it (STREAMING_EMBEDDED_STORM=true): these nodes do not
        // use it, it costs four JVMs and half a minute per start, and nodes on one machine would contend
        // for its fixed ports.
        env.remove("STORM_NIMBUS_SEEDS");
        env.put("STREAMING_EMBEDDED_STORM", "false");
        env.putAll(environment);
        return builder;
    }
}
