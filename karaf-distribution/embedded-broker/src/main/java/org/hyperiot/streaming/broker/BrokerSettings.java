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
 * @param broker         the broker's own SASL/PLAIN account (inter-broker and controller traffic), or
 *                       null for an unauthenticated PLAINTEXT broker
 * @param client         the SCRAM-SHA-512 user for clients, created on start; null when {@code broker} is
 */
record BrokerSettings(String host, int port, int controllerPort, Path dataDir, Map<String, String> overrides,
        Credentials broker, Credentials client) {

    static final String USAGE = "usage: EmbeddedKafkaBroker --data-dir DIR [--host 127.0.0.1] [--port 9092] "
            + "[--controller-port PORT+1] [--broker-credentials FILE --client-credentials FILE] [--override key=value]...";

    /** The mechanism clients log in with when the broker is secured. */
    static final String CLIENT_MECHANISM = "SCRAM-SHA-512";

    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

    static BrokerSettings parse(String[] args) {
        String host = "127.0.0.1";
        int port = 9092;
        Integer controllerPort = null;
        Path dataDir = null;
        Credentials broker = null;
        Credentials client = null;
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
                case "--broker-credentials" -> broker = Credentials.read(Path.of(value));
                case "--client-credentials" -> client = Credentials.read(Path.of(value));
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
        if ((broker == null) != (client == null)) {
            throw new IllegalArgumentException("--broker-credentials and --client-credentials go together");
        }
        if (broker != null && broker.username().equals(client.username())) {
            throw new IllegalArgumentException("the broker and the clients need different user names");
        }
        return new BrokerSettings(host, port, controllerPort == null ? port + 1 : controllerPort, dataDir, overrides,
                broker, client);
    }

    boolean secured() {
        return broker != null;
    }

    /** The listener clients connect to: {@code SASL_PLAINTEXT} when secured, else {@code PLAINTEXT}. */
    String clientListener() {
        return secured() ? "SASL_PLAINTEXT" : "PLAINTEXT";
    }

    Path logDir() {
        return dataDir.resolve("log");
    }

    Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        String listener = clientListener();
        p.setProperty("listeners", listener + "://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", listener + "://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        p.setProperty("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:" + listener);
        p.setProperty("inter.broker.listener.name", listener);
        if (secured()) {
            secure(p);
        }
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

    /**
     * Every listener authenticates. Clients use SCRAM-SHA-512 (their credentials live in the cluster
     * metadata, see {@link EmbeddedKafkaBroker}); the broker talks to itself and to its controller
     * with PLAIN and an account of its own, which works before any metadata is loaded. Both users are
     * super users of the standard authorizer: ACLs can be managed, and nobody else gets anything.
     */
    private void secure(Properties p) {
        String plain = PLAIN_LOGIN + " required " + broker.jaasOptions() + " user_" + broker.username() + "=\""
                + broker.password() + "\";";
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.sasl_plaintext.sasl.enabled.mechanisms", CLIENT_MECHANISM + ",PLAIN");
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", plain);
        p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", SCRAM_LOGIN + " required;");
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("listener.name.controller.plain.sasl.jaas.config", plain);
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:" + broker.username() + ";User:" + client.username());
    }

    /** Client properties with which the broker's own account reaches its client listener. */
    Properties brokerClientProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", host + ":" + port);
        p.setProperty("security.protocol", "SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty("sasl.jaas.config", PLAIN_LOGIN + " required " + broker.jaasOptions() + ";");
        return p;
    }
}
