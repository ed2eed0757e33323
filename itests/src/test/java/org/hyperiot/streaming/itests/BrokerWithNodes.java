package org.hyperiot.streaming.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One broker process and nodes of the built distribution pointed at it, each a process of its own
 * with its own home: the setup of the tests that kill nodes and restart the broker.
 */
final class BrokerWithNodes implements AutoCloseable {

    /** Something done to one node. */
    interface NodeAction {
        Object apply(DistributionNode node) throws Exception;
    }

    private final String name;
    private final BrokerProcess broker;
    private final Admin admin;
    private final List<DistributionNode> nodes = new ArrayList<>();

    private BrokerWithNodes(String name, BrokerProcess broker, Admin admin) {
        this.name = name;
        this.broker = broker;
        this.admin = admin;
    }

    /** Starts the broker (its folder and the nodes' homes named after {@code name}); no node yet. */
    static BrokerWithNodes startBroker(String name) throws Exception {
        BrokerProcess broker = new BrokerProcess(KarafOptions.BROKER_CLASSPATH,
                KarafOptions.WORK.resolve(name + "-broker-" + UUID.randomUUID()), Ports.freePair());
        broker.start();
        return new BrokerWithNodes(name, broker,
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
    }

    /** Starts one node per id ({@code STREAMING_NODE_ID}), all at once, and returns when every one is UP. */
    void startNodes(String password, List<String> ids) throws Exception {
        for (String id : ids) {
            nodes.add(new DistributionNode(KarafOptions.WORK.resolve(name + "-node-" + id + "-" + UUID.randomUUID()),
                    Ports.free(), password,
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "STREAMING_NODE_ID", id)));
        }
        onEveryNode(DistributionNode::start);
    }

    BrokerProcess broker() {
        return broker;
    }

    Admin admin() {
        return admin;
    }

    /** The nodes, in the order of their ids. */
    List<DistributionNode> nodes() {
        return nodes;
    }

    /** Runs the action on every node at once (a Karaf start takes a while on two CPUs). */
    void onEveryNode(NodeAction action) throws Exception {
        onNodes(nodes, action);
    }

    /** Runs the action on these nodes at once, and returns when it is done on all; the first failure is thrown. */
    static void onNodes(Collection<DistributionNode> on, NodeAction action) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, on.size()));
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (DistributionNode node : on) {
                results.add(executor.submit(() -> action.apply(node)));
            }
            for (Future<Object> result : results) {
                result.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** Stops the nodes still running, then the broker. */
    @Override
    public void close() throws Exception {
        try {
            onEveryNode(node -> {
                if (node.isRunning()) {
                    node.stop();
                }
                return null;
            });
        } finally {
            admin.close(Duration.ofSeconds(5));
            broker.stop();
        }
    }
}
