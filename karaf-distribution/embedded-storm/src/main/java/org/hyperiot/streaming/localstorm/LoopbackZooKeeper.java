package org.hyperiot.streaming.localstorm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;

import org.apache.storm.shade.org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.storm.shade.org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.storm.shade.org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper for the local Storm, from the ZooKeeper that Storm itself ships (shaded in
 * storm-shaded-deps), listening on {@code 127.0.0.1} only. Storm's own {@code dev-zookeeper} and the
 * ZooKeeper of its LocalCluster bind every address. Unlike ZooKeeper's own main class this starts no
 * admin HTTP server. Snapshots and transaction logs live under the Storm home and survive restarts, so
 * topologies do too.
 */
final class LoopbackZooKeeper {

    private static final int TICK_MILLIS = 2000;
    private static final int MAX_CLIENT_CONNECTIONS = 100;

    private LoopbackZooKeeper() {
    }

    static void run(StormSettings settings) throws IOException, InterruptedException {
        Files.createDirectories(settings.zookeeperDir());
        ZooKeeperServer server = new ZooKeeperServer(settings.zookeeperDir().toFile(),
                settings.zookeeperDir().toFile(), TICK_MILLIS);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                new InetSocketAddress(StormSettings.HOST, settings.zookeeperPort()), MAX_CLIENT_CONNECTIONS);
        // Keeps the three newest snapshots and their logs, checked hourly: the data directory stays small.
        DatadirCleanupManager cleanup = new DatadirCleanupManager(settings.zookeeperDir().toFile(),
                settings.zookeeperDir().toFile(), 3, 1);
        cleanup.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            connections.shutdown();
            cleanup.shutdown();
        }, "zookeeper-shutdown"));
        connections.startup(server);
        System.out.println("ZooKeeper ready on " + StormSettings.HOST + ":" + settings.zookeeperPort());
        System.out.flush();
        connections.join();
    }
}
