package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The processes Storm runs for one deployment of a topology on this machine, and the CPU time they
 * used: each worker JVM and the {@code LogWriter} JVM that starts it and copies its output. Both carry
 * the worker's main class and the topology id as arguments on their command lines (read from
 * {@code /proc}); Nimbus, the Supervisor and ZooKeeper do not. The topology id (name, counter, epoch
 * seconds) is new at every deployment, so a topology submitted again under the same name is another
 * set of processes.
 */
final class TopologyWorkers {

    static final String WORKER_MAIN_CLASS = "org.apache.storm.daemon.worker.Worker";
    static final String LOG_WRITER_MAIN_CLASS = "org.apache.storm.LogWriter";
    /** How often to look for processes while some are missing: reading every command line costs. */
    private static final Duration SEARCH_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<Optional<String>> topologyId;
    private final Path proc;
    private String id;
    // Every process seen, with the CPU it had used when last read: one that has gone keeps its last
    // figure, so that the total never goes back.
    private final Map<Long, Double> cpuByPid = new LinkedHashMap<>();
    private boolean workerSeen;
    private long nextSearch = System.nanoTime();

    /**
     * @param topologyId the id of the topology's current deployment, empty until Storm knows it; asked
     *                   at most every second until it answers
     */
    TopologyWorkers(Supplier<Optional<String>> topologyId) {
        this(topologyId, Path.of("/proc"));
    }

    TopologyWorkers(Supplier<Optional<String>> topologyId, Path proc) {
        this.topologyId = topologyId;
        this.proc = proc;
    }

    /**
     * The CPU seconds used so far by the deployment's workers and log writers, or NaN before any of them
     * has been seen. A process that has gone counts with what it had used when last seen.
     */
    synchronized double cpuSeconds() {
        boolean someGone = false;
        for (Map.Entry<Long, Double> process : cpuByPid.entrySet()) {
            double used = ProcessCpu.seconds(process.getKey());
            if (Double.isFinite(used)) {
                process.setValue(used);
            } else {
                someGone = true;
            }
        }
        if ((!workerSeen || someGone) && System.nanoTime() - nextSearch >= 0) {
            nextSearch = System.nanoTime() + SEARCH_INTERVAL.toNanos();
            for (long pid : alive()) {
                cpuByPid.computeIfAbsent(pid, ProcessCpu::seconds);
            }
        }
        return cpuByPid.isEmpty() ? Double.NaN
                : cpuByPid.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sum();
    }

    /** The deployment's worker and log-writer processes running now; none while its id is unknown. */
    synchronized List<Long> alive() {
        if (id == null) {
            try {
                id = topologyId.get().orElse(null);
            } catch (RuntimeException unavailable) {
                // Asked again at the next search: the measurement must not end for a busy REST call.
            }
            if (id == null) {
                return List.of();
            }
        }
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                List<String> arguments = arguments(process);
                if (arguments.contains(WORKER_MAIN_CLASS) && arguments.contains(id)) {
                    pids.add(Long.parseLong(process.getFileName().toString()));
                    workerSeen |= !arguments.contains(LOG_WRITER_MAIN_CLASS);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in " + proc, e);
        }
        return pids;
    }

    /** Waits until none of the deployment's processes runs; false if some still do after {@code timeout}. */
    boolean awaitGone(Duration timeout) throws InterruptedException {
        return BenchmarkCluster.await(() -> alive().isEmpty(), timeout);
    }

    private static List<String> arguments(Path process) {
        try {
            byte[] commandLine = Files.readAllBytes(process.resolve("cmdline"));
            return Arrays.asList(new String(commandLine, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | SecurityException e) {
            // Gone meanwhile, or not ours to read.
            return List.of();
        }
    }
}
