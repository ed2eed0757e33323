package org.hyperiot.streaming.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Command-line settings of the embedded broker and the Kafka server properties they imply.
 *
 * @param host           address both listeners bind (loopback by default)
 * @param port           client (PLAINTEXT) port
 * @param controllerPort KRaft controller port
 * @param dataDir        where server.properties and the log directory live
 * @param overrides      extra server properties, applied last
 */
record BrokerSettings(String host, int port, int controllerPort, Path dataDir, Map<String, String> overrides) {

    static final String USAGE = "usage: EmbeddedKafkaBroker --data-dir DIR [--host 127.0.0.1] [--port 9092] "
            + "[--controller-port PORT+1] [--override key=value]...";

    static BrokerSettings parse(String[] args) {
        String host = "127.0.0.1";
        int port = 9092;
        Integer controllerPort = null;
        Path dataDir = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--controller-port" -> controllerPort = Integer.parseInt(value);
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath();
                case "--override" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--override needs key=value, not " + value);
                    }
                    overrides.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new BrokerSettings(host, port, controllerPort == null ? port + 1 : controllerPort, dataDir, overrides);
    }

    Path logDir() {
        return dataDir.resolve("log");
    }

    Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        // One broker: internal topics cannot have more than one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        // Fewer internal partitions make first use of groups and transactions faster on a small machine.
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A crashed exactly-once node's transaction is aborted within a second of its timeout, not
        // up to ten seconds later (the default check interval): readers of its outputs wait less.
        p.setProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        overrides.forEach(p::setProperty);
        return p;
    }
}
