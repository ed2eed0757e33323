package org.hyperiot.streaming.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Kafka broker of the distribution, run as a separate process so that tests can stop
 * and restart it. Its PID lives in a file of its data directory, so the JVM that started it and the
 * Karaf JVM running a test can both control it.
 */
public final class BrokerProcess {

    private final Path classpath;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> overrides;

    public BrokerProcess(Path classpath, Path dataDir, int port) {
        this(classpath, dataDir, port, Map.of());
    }

    /**
     * A broker with extra server properties, applied after the defaults and replacing any of them
     * ({@code listeners}, {@code super.users}, …): how a test adds SASL or TLS listeners on ports of
     * its own. The PLAINTEXT listener on {@code port} must stay, since start() waits for it.
     */
    public BrokerProcess(Path classpath, Path dataDir, int port, Map<String, String> overrides) {
        this.classpath = classpath;
        this.dataDir = dataDir;
        this.port = port;
        this.overrides = new LinkedHashMap<>(overrides);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** Starts the broker and returns once it accepts clients. */
    public void start() {
        try {
            Files.createDirectories(dataDir);
            Path output = dataDir.resolve("broker.out");
            Files.deleteIfExists(output);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Dkafka.logs.dir=" + dataDir.resolve("logs"),
                    "-cp", classpath.toAbsolutePath() + "/*", "org.hyperiot.streaming.broker.EmbeddedKafkaBroker",
                    "--port", Integer.toString(port), "--controller-port", Integer.toString(port + 1),
                    "--data-dir", dataDir.toAbsolutePath().toString(),
                    // ACLs are enforced, so the ACL routes can be tested; PLAINTEXT clients are the
                    // anonymous principal, made super user so that every other test runs unrestricted.
                    "--override", "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "--override", "super.users=User:ANONYMOUS"));
            // The broker applies overrides in order, so these win over the defaults above.
            overrides.forEach((key, value) -> command.addAll(List.of("--override", key + "=" + value)));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            Files.writeString(pidFile(), Long.toString(process.pid()));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains("Kafka broker ready")) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker exited: " + Files.readString(output));
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
            throw new IllegalStateException("The broker did not start within 60 s: " + Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker with SIGTERM (a clean Kafka shutdown) and waits until the process is gone. */
    public void stop() {
        process().ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
    }

    public boolean isRunning() {
        return process().map(ProcessHandle::isAlive).orElse(false);
    }

    private Optional<ProcessHandle> process() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pidFile() {
        return dataDir.resolve("broker.pid");
    }
}
