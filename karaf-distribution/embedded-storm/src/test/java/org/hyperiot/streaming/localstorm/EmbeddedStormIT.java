package org.hyperiot.streaming.localstorm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.storm.Config;
import org.apache.storm.StormSubmitter;
import org.apache.storm.generated.ClusterSummary;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.Nimbus;
import org.apache.storm.generated.TopologyInfo;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.shade.net.minidev.json.JSONValue;
import org.apache.storm.topology.TopologyBuilder;
import org.apache.storm.tuple.Fields;
import org.apache.storm.utils.NimbusClient;
import org.apache.storm.utils.Utils;
import org.hyperiot.streaming.localstorm.sample.CountingSpout;
import org.hyperiot.streaming.localstorm.sample.TallyBolt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local Storm as the distribution runs it: ZooKeeper, Nimbus and a Supervisor started through
 * {@link EmbeddedStorm} as processes from the Storm home this module assembles, a client in this JVM
 * that submits a topology jar it builds, workers that are JVMs of their own exchanging tuples, a kill
 * with a wait, and nothing left listening outside loopback or running afterwards.
 */
class EmbeddedStormIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String TOPOLOGY = "tally-" + UUID.randomUUID().toString().substring(0, 8);

    private Path work;
    private StormSettings settings;
    private LocalStormProcesses storm;

    @BeforeEach
    void startLocalStorm() throws Exception {
        work = Path.of(System.getProperty("embedded.storm.work", "target/embedded-storm-it"))
                .resolve(UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        int firstSlotPort = freeConsecutivePorts(2);
        settings = new StormSettings(work.resolve("storm"), freePort(), freePort(), freePort(), 2, firstSlotPort,
                StormSettings.DEFAULT_WORKER_HEAP_MB, Map.of());
        storm = new LocalStormProcesses(Path.of(System.getProperty("embedded.storm.home")), settings);
        storm.start(START);
    }

    @AfterEach
    void stopLocalStorm() throws Exception {
        if (storm != null) {
            storm.close();
        }
    }

    @Test
    void runsATopologyInWorkerJvmsOnLoopbackAndLeavesNothingBehind() throws Exception {
        Map<String, Object> client = clientConfig();
        Path tallies = Files.createDirectories(work.resolve("tallies"));
        try (NimbusClient nimbus = NimbusClient.getConfiguredClient(client)) {
            Nimbus.Iface api = nimbus.getClient();
            Await.until("the Supervisor registered with its 2 slots", START, () -> {
                ClusterSummary cluster = api.getClusterInfo();
                return cluster.get_supervisors_size() == 1 && cluster.get_supervisors().get(0).get_num_workers() == 2;
            });

            String jar = StormSubmitter.submitJar(client, topologyJar().toString());
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("numbers", new CountingSpout(), 1);
            // Two tasks in two workers, tuples split by value: half reach the other worker, over worker messaging
            // (a shuffle would keep them local: Storm prefers tasks in the same worker).
            builder.setBolt("tally", new TallyBolt(), 2).fieldsGrouping("numbers", new Fields("n"));
            Map<String, Object> topologyConfig = new HashMap<>();
            topologyConfig.put(Config.TOPOLOGY_WORKERS, 2);
            topologyConfig.put(TallyBolt.TALLY_DIR, tallies.toString());
            api.submitTopology(TOPOLOGY, jar, JSONValue.toJSONString(topologyConfig), builder.createTopology());

            String id = topologyId(api);
            Await.until("both tally tasks counting at least 50 tuples", Duration.ofSeconds(90),
                    () -> tallies(tallies).size() == 2 && tallies(tallies).values().stream().allMatch(n -> n >= 50));

            TopologyInfo info = api.getTopologyInfo(id);
            Set<Integer> ports = info.get_executors().stream().map(ExecutorSummary::get_port).collect(Collectors.toSet());
            assertThat(ports).containsExactlyInAnyOrderElementsOf(settings.slotPorts());
            assertThat(info.get_executors()).allMatch(e -> e.get_host().equals(StormSettings.HOST));

            List<ProcessHandle> workers = storm.workers(id);
            assertThat(workers).as("worker JVMs").hasSize(2);
            Set<Long> daemonPids = storm.daemons().values().stream().map(Process::pid).collect(Collectors.toSet());
            assertThat(workers).allMatch(w -> w.pid() != ProcessHandle.current().pid() && !daemonPids.contains(w.pid()));
            assertThat(tallyPids(tallies)).as("the tasks ran in the worker JVMs")
                    .containsExactlyInAnyOrderElementsOf(workers.stream().map(ProcessHandle::pid).toList());

            List<InetSocketAddress> listening = new ArrayList<>();
            for (ProcessHandle process : storm.processes()) {
                listening.addAll(Listeners.of(process.pid()));
            }
            assertThat(listening).as("every listener of every daemon, worker and log writer")
                    .allMatch(address -> address.getAddress().isLoopbackAddress());
            assertThat(listening.stream().map(InetSocketAddress::getPort))
                    .contains(settings.zookeeperPort(), settings.nimbusPort(), settings.supervisorPort())
                    .containsAll(settings.slotPorts());

            KillOptions wait = new KillOptions();
            wait.set_wait_secs(5);
            long killed = System.nanoTime();
            api.killTopologyWithOpts(TOPOLOGY, wait);
            Await.until("Nimbus no longer knows " + TOPOLOGY, Duration.ofSeconds(60),
                    () -> api.getClusterInfo().get_topologies().stream().noneMatch(t -> t.get_name().equals(TOPOLOGY)));
            Await.until("the worker JVMs gone", Duration.ofSeconds(60), () -> storm.workers(id).isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the kill waited").isGreaterThan(Duration.ofSeconds(5));
        }

        storm.close();
        assertThat(storm.processes()).as("processes left").isEmpty();
        storm = null;
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> conf = Utils.readStormConfig();
        conf.put(Config.NIMBUS_SEEDS, List.of(StormSettings.HOST));
        conf.put(Config.NIMBUS_THRIFT_PORT, settings.nimbusPort());
        return conf;
    }

    private static String topologyId(Nimbus.Iface api) throws Exception {
        for (TopologySummary topology : api.getClusterInfo().get_topologies()) {
            if (topology.get_name().equals(TOPOLOGY)) {
                return topology.get_id();
            }
        }
        throw new AssertionError(TOPOLOGY + " is not listed");
    }

    /** Task file name to the count it published. */
    private static Map<String, Long> tallies(Path folder) throws IOException {
        return tallyLines(folder).collect(Collectors.toMap(line -> line[0], line -> Long.parseLong(line[1])));
    }

    private static Set<Long> tallyPids(Path folder) throws IOException {
        return tallyLines(folder).map(line -> Long.parseLong(line[2])).collect(Collectors.toSet());
    }

    private static Stream<String[]> tallyLines(Path folder) throws IOException {
        List<String[]> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> !f.toString().endsWith(".tmp")).sorted(Comparator.naturalOrder()).toList()) {
                String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
                lines.add(new String[] {file.getFileName().toString(), fields[0], fields[1]});
            }
        }
        return lines.stream();
    }

    /** The sample spout and bolt in a jar of their own, as a topology bundle would ship them. */
    private Path topologyJar() throws IOException {
        Path classes = Path.of(CountingSpout.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path packageFolder = classes.resolve(CountingSpout.class.getPackageName().replace('.', '/'));
        Path jar = work.resolve("sample-topology.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> entries = Files.list(packageFolder)) {
            for (Path entry : entries.sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString()));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeConsecutivePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (Stream.iterate(first, p -> p + 1).limit(count).allMatch(EmbeddedStormIT::free)) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
