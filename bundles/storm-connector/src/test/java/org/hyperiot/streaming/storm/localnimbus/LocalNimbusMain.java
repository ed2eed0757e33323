package org.hyperiot.streaming.storm.localnimbus;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.apache.storm.Config;
import org.apache.storm.LocalCluster;
import org.apache.storm.shade.org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.storm.shade.org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A Storm LocalCluster with a Nimbus Thrift daemon, for the connector's tests, run in a JVM of its
 * own ({@link LocalNimbusProcess}): LocalCluster halts its JVM on some worker errors. Everything
 * listens on 127.0.0.1: its own ZooKeeper (LocalCluster's in-process one binds every address) and
 * Nimbus through {@link LoopbackTransportPlugin}. Workers run as threads of this JVM.
 *
 * <p>Arguments: the Nimbus port and a scratch directory. Prints {@code NIMBUS-READY} once Nimbus
 * answers, and shuts down when its standard input closes (the test JVM ended or stopped it).
 */
public final class LocalNimbusMain {

    public static final String READY = "NIMBUS-READY";

    private LocalNimbusMain() {
    }

    public static void main(String[] arguments) throws Exception {
        int nimbusPort = Integer.parseInt(arguments[0]);
        File directory = new File(arguments[1]);
        File zookeeperData = new File(directory, "zookeeper");
        Files.createDirectories(zookeeperData.toPath());
        NIOServerCnxnFactory zookeeper = new NIOServerCnxnFactory();
        zookeeper.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        zookeeper.startup(new ZooKeeperServer(zookeeperData, zookeeperData, 2000));

        Map<String, Object> daemon = Map.of(
                Config.STORM_ZOOKEEPER_SERVERS, List.of("127.0.0.1"),
                Config.STORM_ZOOKEEPER_PORT, zookeeper.getLocalPort(),
                Config.STORM_LOCAL_HOSTNAME, "127.0.0.1",
                Config.NIMBUS_THRIFT_PORT, nimbusPort,
                Config.NIMBUS_THRIFT_TRANSPORT_PLUGIN, LoopbackTransportPlugin.class.getName(),
                Config.STORM_LOCAL_DIR, new File(directory, "storm").getAbsolutePath());
        try (LocalCluster cluster = new LocalCluster.Builder().withNimbusDaemon().withDaemonConf(daemon).build()) {
            System.out.println(READY + " " + nimbusPort);
            System.out.flush();
            // Until the test closes our input (or dies, which closes it too).
            while (System.in.read() >= 0) {
                // Input is only a lifeline.
            }
        } finally {
            zookeeper.shutdown();
        }
        // Storm leaves non-daemon threads behind.
        Runtime.getRuntime().halt(0);
    }
}
