package org.hyperiot.streaming.benchmark.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's embedded KRaft broker ({@code org.hyperiot.streaming.broker.EmbeddedKafkaBroker}),
 * started as a separate process on loopback with free ports, so that its CPU and heap stay apart from
 * the measured JVM. It is stopped by its PID on {@link #close()} and, should the benchmark die first,
 * by a shutdown hook; its PID is also written to {@code broker.pid} for the launching script.
 * The side-by-side benchmark ({@code benchmarks/side-by-side}) uses it too.
 */
public final class EmbeddedBrokerProcess implements AutoCloseable {

    private static final String READY = "Kafka broker ready";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final Thread shutdownHook;

    private EmbeddedBrokerProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "benchmark-broker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker keeping its data under {@code dataDir}, and returns once it accepts clients. */
    public static EmbeddedBrokerProcess start(Path classpath, Path dataDir, Duration startTimeout) {
        if (!Files.isDirectory(classpath)) {
            throw new IllegalArgumentException("no broker classpath directory at " + classpath
                    + " (mvn -o package -pl benchmarks/kafka-connector unpacks it to target/broker)");
        }
        try {
            Files.createDirectories(dataDir);
            Path output = dataDir.resolve("broker.out");
            int port = freePortPair();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xms1g", "-Xmx1g",
                    "-Dkafka.logs.dir=" + dataDir.resolve("logs"),
                    "-cp", classpath.toAbsolutePath() + "/*", "org.hyperiot.streaming.broker.EmbeddedKafkaBroker",
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--controller-port", Integer.toString(port + 1),
                    "--data-dir", dataDir.resolve("kafka").toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            EmbeddedBrokerProcess broker = new EmbeddedBrokerProcess(process, dataDir, port);
            Files.writeString(dataDir.resolve("broker.pid"), Long.toString(process.pid()));
            broker.awaitReady(output, startTimeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>} of the broker's client listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker process's id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the broker with SIGTERM (a clean Kafka shutdown), forcibly after 30 s. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to undo.
        }
    }

    private void stop() {
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    private void awaitReady(Path output, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains(READY)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker exited: " + Files.readString(output));
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException(e);
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
        close();
        throw new IllegalStateException("The broker did not start within " + timeout.toSeconds() + " s; see "
                + output);
    }

    /** A free loopback port whose successor is free too (the controller listener takes port + 1). */
    private static int freePortPair() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket client = new ServerSocket(0, 1, loopback)) {
                int port = client.getLocalPort();
                if (port >= 65535) {
                    continue;
                }
                try (ServerSocket controller = new ServerSocket()) {
                    controller.bind(new InetSocketAddress(loopback, port + 1), 1);
                    return port;
                } catch (IOException taken) {
                    // Try another pair.
                }
            }
        }
        throw new IOException("no two consecutive free ports on 127.0.0.1 after 50 attempts");
    }

    /** Where the broker keeps its data, logs and output. */
    public Path dataDir() {
        return dataDir;
    }
}
