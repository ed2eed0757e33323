package org.hyperiot.streaming.localstorm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The three daemons of the local Storm started as processes through {@link EmbeddedStorm}, as
 * {@code bin/streaming} starts them: ZooKeeper first, then Nimbus and the Supervisor. Stops them as the
 * launcher does: Supervisor, its workers, Nimbus, ZooKeeper.
 */
final class LocalStormProcesses implements AutoCloseable {

    private final Path stormHome;
    private final StormSettings settings;
    private final Map<String, Process> daemons = new LinkedHashMap<>();

    LocalStormProcesses(Path stormHome, StormSettings settings) {
        this.stormHome = stormHome;
        this.settings = settings;
    }

    void start(Duration timeout) throws IOException, InterruptedException {
        start("zookeeper", "-Xmx64m");
        awaitPort("zookeeper", settings.zookeeperPort(), timeout);
        start("nimbus", "-Xmx256m");
        start("supervisor", "-Xmx128m");
        awaitPort("nimbus", settings.nimbusPort(), timeout);
        awaitPort("supervisor", settings.supervisorPort(), timeout);
    }

    Map<String, Process> daemons() {
        return daemons;
    }

    private void start(String daemon, String heap) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", stormHome.resolve("lib") + "/*:" + stormHome.resolve("lib-worker") + "/*",
                EmbeddedStorm.class.getName(), daemon,
                "--home", settings.home().toString(),
                "--zookeeper-port", Integer.toString(settings.zookeeperPort()),
                "--nimbus-port", Integer.toString(settings.nimbusPort()),
                "--supervisor-port", Integer.toString(settings.supervisorPort()),
                "--slots", Integer.toString(settings.slots()),
                "--first-slot-port", Integer.toString(settings.firstSlotPort()),
                "--worker-heap-mb", Integer.toString(settings.workerHeapMb())));
        settings.overrides().forEach((key, value) -> command.addAll(List.of("--override", key + "=" + value)));
        Files.createDirectories(settings.home());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(settings.home().resolve(daemon + ".out").toFile());
        // The Supervisor starts workers with $JAVA_HOME/bin/java.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        daemons.put(daemon, builder.start());
    }

    private void awaitPort(String daemon, int port, Duration timeout) throws InterruptedException {
        Process process = daemons.get(daemon);
        Await.until(daemon + " listening on " + port + " (see " + settings.home().resolve(daemon + ".out") + ")",
                timeout, () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(daemon + " exited: " + output(daemon));
                    }
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(StormSettings.HOST, port), 500);
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    String output(String daemon) throws IOException {
        return Files.readString(settings.home().resolve(daemon + ".out"), StandardCharsets.UTF_8);
    }

    /** Every live process whose command line names this local Storm's home: daemons, workers, log writers. */
    List<ProcessHandle> processes() {
        String home = settings.home().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).map(line -> line.contains(home)).orElse(false))
                .toList();
    }

    /** The worker JVMs of a topology (not the log-writer JVMs that start them). */
    List<ProcessHandle> workers(String topologyId) {
        return processes().stream()
                .filter(p -> commandLine(p).map(line -> line.contains("-Dstorm.id=" + topologyId)
                        && line.contains("org.apache.storm.daemon.worker.Worker")
                        // A log writer's command line holds the worker's whole command after its own.
                        && !line.contains("org.apache.storm.LogWriter")).orElse(false))
                .toList();
    }

    static Optional<String> commandLine(ProcessHandle process) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"),
                    StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop("supervisor");
        // A stopped Supervisor leaves its workers running; whoever stops Storm stops them too.
        for (ProcessHandle worker : processes()) {
            if (!daemons.values().stream().anyMatch(d -> d.pid() == worker.pid())) {
                worker.destroy();
            }
        }
        Await.until("workers gone", Duration.ofSeconds(30), () -> processes().stream()
                .allMatch(p -> daemons.values().stream().anyMatch(d -> d.pid() == p.pid())));
        stop("nimbus");
        stop("zookeeper");
    }

    private void stop(String daemon) throws InterruptedException {
        Process process = daemons.get(daemon);
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
