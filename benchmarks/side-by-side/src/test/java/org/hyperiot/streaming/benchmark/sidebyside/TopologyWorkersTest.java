package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a topology's worker processes by their command lines, in a made-up {@code /proc}. */
class TopologyWorkersTest {

    private static final String ID = "storm-stateless-alo-storm-topology-1-1796000000";

    @TempDir
    Path proc;

    @Test
    void findsTheWorkerAndItsLogWriterOfTheDeploymentAndNothingElse() throws IOException {
        process(101, "java", "-Dstorm.id=" + ID, "org.apache.storm.LogWriter", "java", "-Xmx1g",
                TopologyWorkers.WORKER_MAIN_CLASS, ID, "supervisor-1", "6700", "worker-1");
        process(102, "java", "-Xmx1g", TopologyWorkers.WORKER_MAIN_CLASS, ID, "supervisor-1", "6700", "worker-1");
        // Another deployment of the same name, another topology, and the daemons.
        process(103, "java", TopologyWorkers.WORKER_MAIN_CLASS, "storm-stateless-alo-storm-topology-2-1796000100");
        process(104, "java", TopologyWorkers.WORKER_MAIN_CLASS, "stream-x-1-1796000000");
        process(105, "java", "org.hyperiot.streaming.localstorm.EmbeddedStorm", "supervisor");
        Files.createDirectories(proc.resolve("self"));

        TopologyWorkers workers = new TopologyWorkers(() -> Optional.of(ID), proc);

        assertThat(workers.alive()).containsExactlyInAnyOrder(101L, 102L);
    }

    @Test
    void knowsNoProcessWhileStormDoesNotKnowTheTopologyYet() throws IOException {
        process(102, "java", TopologyWorkers.WORKER_MAIN_CLASS, ID);
        AtomicReference<Optional<String>> id = new AtomicReference<>(Optional.empty());
        TopologyWorkers workers = new TopologyWorkers(id::get, proc);

        assertThat(workers.alive()).isEmpty();
        assertThat(workers.cpuSeconds()).isNaN();

        id.set(Optional.of(ID));
        assertThat(workers.alive()).containsExactly(102L);
    }

    @Test
    void addsUpTheCpuOfTheProcessesFound() throws IOException {
        long self = ProcessHandle.current().pid();
        process(self, "java", TopologyWorkers.WORKER_MAIN_CLASS, ID);

        double used = new TopologyWorkers(() -> Optional.of(ID), proc).cpuSeconds();

        assertThat(used).isPositive().isLessThanOrEqualTo(ProcessCpu.seconds(self));
    }

    private void process(long pid, String... arguments) throws IOException {
        Path directory = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.write(directory.resolve("cmdline"), (String.join("\0", arguments) + "\0").getBytes(StandardCharsets.UTF_8));
    }
}
