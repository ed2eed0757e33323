package org.hyperiot.streaming.storm.localnimbus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link LocalNimbusMain} in a JVM of its own on the test classpath (Maven writes it to
 * {@code target/local-nimbus.classpath}) and stops it by its own process handle. Its output goes to
 * {@code target/local-nimbus-<port>.log}.
 */
public final class LocalNimbusProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;

    private LocalNimbusProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A free port on 127.0.0.1, for a Nimbus to come. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts a Nimbus on {@code port} and returns once it answers, or fails after 90 s. */
    public static LocalNimbusProcess start(int port) throws Exception {
        String classpath = Files.readString(Path.of(required("local.nimbus.classpath"))).trim()
                + java.io.File.pathSeparator + required("local.nimbus.classes");
        Path target = Path.of(required("local.nimbus.classes")).getParent();
        Path scratch = Files.createTempDirectory(target, "local-nimbus-");
        Path log = target.resolve("local-nimbus-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", classpath,
                LocalNimbusMain.class.getName(), Integer.toString(port), scratch.toString()))
                .redirectErrorStream(true).start();
        LocalNimbusProcess nimbus = new LocalNimbusProcess(process, port);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, log, ready), "local-nimbus-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Boolean started = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!started) {
                throw new IllegalStateException("Local Nimbus exited before it was ready; see " + log);
            }
        } catch (Exception e) {
            nimbus.close();
            throw e;
        }
        return nimbus;
    }

    public int port() {
        return port;
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Boolean> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (line.startsWith(LocalNimbusMain.READY)) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // The process ended; the log says why.
        } finally {
            ready.complete(false);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests with Maven");
        }
        return value;
    }

    /** Stops the Nimbus: closes its input (it shuts down), then destroys it if it has not ended in 20 s. */
    @Override
    public void close() throws Exception {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone.
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the Nimbus at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
