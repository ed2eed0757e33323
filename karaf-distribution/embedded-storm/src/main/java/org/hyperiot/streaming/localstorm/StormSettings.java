package org.hyperiot.streaming.localstorm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line settings shared by the three daemons of the local Storm, and the cluster configuration
 * ({@code storm.yaml}) they imply. Every daemon gets the same settings, so each can write the same file.
 *
 * @param home            where the local Storm keeps its configuration, data and logs
 *                        ({@code STREAMING_HOME/storm})
 * @param zookeeperPort   ZooKeeper's client port
 * @param nimbusPort      Nimbus' Thrift port
 * @param supervisorPort  the Supervisor's Thrift port (workers report to it)
 * @param slots           how many workers the Supervisor can run at once
 * @param firstSlotPort   the first worker port; slot {@code i} uses {@code firstSlotPort + i}
 * @param workerHeapMb    the heap of each worker JVM
 * @param overrides       more cluster configuration, applied last
 */
record StormSettings(Path home, int zookeeperPort, int nimbusPort, int supervisorPort, int slots, int firstSlotPort,
        int workerHeapMb, Map<String, Object> overrides) {

    /** Every listener of the local Storm binds this address, and every daemon is reached on it. */
    static final String HOST = "127.0.0.1";

    static final int DEFAULT_ZOOKEEPER_PORT = 6626;
    static final int DEFAULT_NIMBUS_PORT = 6627;
    static final int DEFAULT_SUPERVISOR_PORT = 6628;
    static final int DEFAULT_SLOTS = 2;
    static final int DEFAULT_FIRST_SLOT_PORT = 6700;
    static final int DEFAULT_WORKER_HEAP_MB = 256;

    static final String USAGE = "usage: EmbeddedStorm zookeeper|nimbus|supervisor --home DIR [--zookeeper-port "
            + DEFAULT_ZOOKEEPER_PORT + "] [--nimbus-port " + DEFAULT_NIMBUS_PORT + "] [--supervisor-port "
            + DEFAULT_SUPERVISOR_PORT + "] [--slots " + DEFAULT_SLOTS + "] [--first-slot-port " + DEFAULT_FIRST_SLOT_PORT
            + "] [--worker-heap-mb " + DEFAULT_WORKER_HEAP_MB + "] [--override key=value]...";

    StormSettings {
        overrides = Map.copyOf(overrides);
        for (int port : new int[] {zookeeperPort, nimbusPort, supervisorPort}) {
            requirePort(port);
        }
        if (slots < 1 || slots > 16) {
            throw new IllegalArgumentException("--slots must be 1 to 16, not " + slots);
        }
        requirePort(firstSlotPort);
        requirePort(firstSlotPort + slots - 1);
        if (workerHeapMb < 64) {
            throw new IllegalArgumentException("--worker-heap-mb must be at least 64, not " + workerHeapMb);
        }
        List<Integer> daemonPorts = List.of(zookeeperPort, nimbusPort, supervisorPort);
        // The fields are not assigned yet in a compact constructor: the parameters, not slotPorts().
        int lastSlotPort = firstSlotPort + slots - 1;
        if (daemonPorts.stream().distinct().count() < 3
                || daemonPorts.stream().anyMatch(port -> port >= firstSlotPort && port <= lastSlotPort)) {
            throw new IllegalArgumentException("the ZooKeeper, Nimbus, Supervisor and worker ports must all differ");
        }
    }

    static StormSettings parse(List<String> args) {
        Path home = null;
        int zookeeperPort = DEFAULT_ZOOKEEPER_PORT;
        int nimbusPort = DEFAULT_NIMBUS_PORT;
        int supervisorPort = DEFAULT_SUPERVISOR_PORT;
        int slots = DEFAULT_SLOTS;
        int firstSlotPort = DEFAULT_FIRST_SLOT_PORT;
        int workerHeapMb = DEFAULT_WORKER_HEAP_MB;
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args.get(++i);
            switch (name) {
                case "--home" -> home = Path.of(value).toAbsolutePath().normalize();
                case "--zookeeper-port" -> zookeeperPort = number(name, value);
                case "--nimbus-port" -> nimbusPort = number(name, value);
                case "--supervisor-port" -> supervisorPort = number(name, value);
                case "--slots" -> slots = number(name, value);
                case "--first-slot-port" -> firstSlotPort = number(name, value);
                case "--worker-heap-mb" -> workerHeapMb = number(name, value);
                case "--override" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--override needs key=value, not " + value);
                    }
                    overrides.put(value.substring(0, equals), ConfigValue.parse(value.substring(equals + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required");
        }
        return new StormSettings(home, zookeeperPort, nimbusPort, supervisorPort, slots, firstSlotPort, workerHeapMb,
                overrides);
    }

    /** The ports workers listen on for tuples from other workers (one per slot). */
    List<Integer> slotPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            ports.add(firstSlotPort + i);
        }
        return ports;
    }

    Path configFile() {
        return home.resolve("conf").resolve("storm.yaml");
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path logDir() {
        return home.resolve("logs");
    }

    Path zookeeperDir() {
        return home.resolve("zookeeper");
    }

    /**
     * The cluster configuration every daemon and worker reads: Storm's defaults changed where a single
     * machine, loopback and a small memory budget need it.
     */
    Map<String, Object> clusterConfig() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("storm.zookeeper.servers", List.of(HOST));
        conf.put("storm.zookeeper.port", zookeeperPort);
        conf.put("nimbus.seeds", List.of(HOST));
        conf.put("nimbus.thrift.port", nimbusPort);
        conf.put("supervisor.thrift.port", supervisorPort);
        conf.put("supervisor.slots.ports", slotPorts());
        // Assignments name this host: workers and clients reach each daemon and each other on loopback.
        conf.put("storm.local.hostname", HOST);
        conf.put("storm.local.dir", dataDir().toString());
        conf.put("storm.log.dir", logDir().toString());
        // Storm's Thrift servers and worker messaging bind every address; these bind loopback only.
        conf.put("nimbus.thrift.transport", LoopbackTransportPlugin.class.getName());
        conf.put("supervisor.thrift.transport", LoopbackTransportPlugin.class.getName());
        conf.put("storm.messaging.transport", LoopbackNettyContext.class.getName());
        // A fixed worker heap rather than Storm's %HEAP-MEM%, which grows with the executors' declared
        // memory: the machine's budget counts on this size.
        conf.put("worker.heap.memory.mb", workerHeapMb);
        conf.put("topology.worker.max.heap.size.mb", (double) workerHeapMb);
        conf.put("worker.childopts", "-Xmx" + workerHeapMb + "m -XX:+UseSerialGC -XX:+HeapDumpOnOutOfMemoryError"
                + " -XX:HeapDumpPath=artifacts/heapdump");
        // Each worker JVM is started by a small log-writer JVM that copies its output into the worker log.
        conf.put("topology.worker.logwriter.childopts", "-Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        conf.putAll(overrides);
        return conf;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }
}
