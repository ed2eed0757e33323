package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One node of the built distribution, started with {@code bin/streaming start} against the
 * benchmark's broker, as a user runs it, and driven over its REST API. The launcher also starts its
 * embedded Storm (ZooKeeper, Nimbus, a Supervisor with two worker slots), on free ports of 127.0.0.1
 * so that no other Storm on the machine is in the way.
 */
public final class DistributionNode implements AutoCloseable {

    /**
     * The heap of each Storm worker JVM: the 1 GiB every contestant gets (the launcher's default is
     * 256m).
     */
    static final String STORM_WORKER_HEAP = "1g";
    /**
     * How long the node's Storm connector lets a topology it kills drain before Nimbus removes it: the
     * least it accepts (its default is 10 s). A stopped storm stream, and each hand-written topology the
     * benchmark kills, frees its worker slot that much sooner.
     */
    static final int STORM_KILL_WAIT_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path distribution;
    private final Path home;
    private final Map<String, String> environment;
    private final int nimbusPort;
    private final String api;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread shutdownHook;

    private DistributionNode(Path distribution, Path home, Map<String, String> environment, int httpPort,
            int nimbusPort, String password) {
        this.distribution = distribution;
        this.home = home;
        this.environment = environment;
        this.nimbusPort = nimbusPort;
        this.api = "http://127.0.0.1:" + httpPort + "/streaming/api/v1";
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        this.shutdownHook = new Thread(this::stopQuietly, "benchmark-node-stop");
    }

    /**
     * Starts a node with its home under {@code home}, using {@code bootstrapServers} rather than an
     * embedded broker; {@code extraJavaOptions} (may be empty) go to Karaf's JVM.
     */
    public static DistributionNode start(Path distribution, Path home, String bootstrapServers, String extraJavaOptions)
            throws IOException, InterruptedException {
        String password = randomPassword();
        // Chosen together so that no two are the same; each is free until the launcher binds it, unless
        // some other process takes it meanwhile.
        int[] ports = freePorts(4);
        int httpPort = ports[0];
        int nimbusPort = ports[1];
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "STREAMING_HOME", home.toAbsolutePath().toString(),
                "STREAMING_HTTP_PORT", Integer.toString(httpPort),
                "STREAMING_ADMIN_PASSWORD", password,
                "STREAMING_START_TIMEOUT", "240",
                "JAVA_MAX_MEM", "1024m"));
        environment.putAll(Map.of(
                "STORM_NIMBUS_PORT", Integer.toString(nimbusPort),
                "STREAMING_STORM_ZOOKEEPER_PORT", Integer.toString(ports[2]),
                "STREAMING_STORM_SUPERVISOR_PORT", Integer.toString(ports[3]),
                "STREAMING_STORM_SLOT_PORT", Integer.toString(twoFreePorts(ports)),
                "STREAMING_STORM_WORKER_HEAP", STORM_WORKER_HEAP,
                // Karaf's environment override of kill.wait.seconds in etc/org.hyperiot.streaming.storm.cfg.
                "ORG_HYPERIOT_STREAMING_STORM_KILL_WAIT_SECONDS", Integer.toString(STORM_KILL_WAIT_SECONDS)));
        if (!extraJavaOptions.isBlank()) {
            environment.put("EXTRA_JAVA_OPTS", extraJavaOptions);
        }
        DistributionNode node = new DistributionNode(distribution, home, environment, httpPort, nimbusPort,
                password);
        Runtime.getRuntime().addShutdownHook(node.shutdownHook);
        node.launcher("start");
        return node;
    }

    /** The Karaf JVM's process id. */
    public OptionalLong pid() {
        try {
            Path pidFile = home.resolve("run/karaf.pid");
            return Files.exists(pidFile) ? OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The distribution the node runs from. */
    public Path distribution() {
        return distribution;
    }

    /** The embedded Storm's Nimbus Thrift port, on 127.0.0.1. */
    public int nimbusPort() {
        return nimbusPort;
    }

    /**
     * A topology of the node's Storm by name or id, as {@code GET /topologies/{id}} shows it (id, status,
     * components with their last errors, worker processes), or empty once Storm no longer knows it.
     */
    public Optional<JsonNode> topology(String nameOrId) throws IOException, InterruptedException {
        HttpResponse<String> response = request("GET", "/topologies/" + nameOrId, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /topologies/" + nameOrId + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    /** {@code METHOD api/path} with an optional JSON body; returns the response (any status). */
    public HttpResponse<String> request(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #request}, failing unless the status is {@code expected}. */
    public String expect(int expected, String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = request(method, path, json);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + " instead of " + expected + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() throws Exception {
        launcher("stop");
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or ran already.
        }
    }

    private void stopQuietly() {
        try {
            launcher("stop");
        } catch (Exception e) {
            System.err.println("could not stop the node in " + home + ": " + e);
        }
    }

    private void launcher(String verb) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path output = home.resolve("launcher-" + verb + ".out");
        List<String> command = new ArrayList<>(List.of("bash", distribution.resolve("bin/streaming").toString(), verb));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/streaming " + verb + " did not finish in 300 s; see " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/streaming " + verb + " failed:\n" + Files.readString(output));
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code count} different free ports of 127.0.0.1. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
                ports[i] = held.get(i).getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * The first of two consecutive free ports of 127.0.0.1, none of them among {@code taken}: Storm's two
     * worker slots.
     */
    private static int twoFreePorts(int[] taken) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = first.getLocalPort();
                if (port == 65535 || Arrays.stream(taken).anyMatch(other -> other == port || other == port + 1)) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getByName("127.0.0.1"))) {
                    return port;
                } catch (IOException inUse) {
                    // Try another pair.
                }
            }
        }
        throw new IOException("found no two consecutive free ports on 127.0.0.1");
    }
}
