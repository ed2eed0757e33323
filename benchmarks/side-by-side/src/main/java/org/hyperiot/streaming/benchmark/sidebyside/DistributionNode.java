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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One node of the built distribution, started with {@code bin/streaming start} against the
 * benchmark's broker, as a user runs it, and driven over its REST API.
 */
public final class DistributionNode implements AutoCloseable {

    private final Path distribution;
    private final Path home;
    private final Map<String, String> environment;
    private final String api;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread shutdownHook;

    private DistributionNode(Path distribution, Path home, Map<String, String> environment, int httpPort,
            String password) {
        this.distribution = distribution;
        this.home = home;
        this.environment = environment;
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
        int httpPort = freePort();
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "STREAMING_HOME", home.toAbsolutePath().toString(),
                "STREAMING_HTTP_PORT", Integer.toString(httpPort),
                "STREAMING_ADMIN_PASSWORD", password,
                "STREAMING_START_TIMEOUT", "240",
                "JAVA_MAX_MEM", "1024m"));
        if (!extraJavaOptions.isBlank()) {
            environment.put("EXTRA_JAVA_OPTS", extraJavaOptions);
        }
        DistributionNode node = new DistributionNode(distribution, home, environment, httpPort, password);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
