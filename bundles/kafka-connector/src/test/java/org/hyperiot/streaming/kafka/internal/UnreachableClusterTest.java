package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.junit.jupiter.api.Test;

/**
 * A node whose bootstrap servers do not answer, as right after {@code feature:install} before
 * {@code bootstrap.servers} is set: the connector, its topic admin and its cluster messaging run as
 * plain objects against a port where nothing listens, and what they and kafka-clients write to the
 * log is counted. Before admin clients stopped re-bootstrapping this was thousands of lines a second,
 * and each admin client's close added one "The AdminClient thread has exited" line per queued call.
 */
class UnreachableClusterTest {

    private static final Duration OBSERVED = Duration.ofSeconds(4);

    @Test
    void anUnreachableClusterGivesAFewClearLinesAndItsReasonInTheStatus() throws Exception {
        int deadPort = portWhereNothingListens();
        KafkaConnectorConfiguration configuration = configuration(Map.of(
                "bootstrap_servers", "127.0.0.1:" + deadPort,
                "health_timeout_ms", 500,
                "health_interval_ms", 200L,
                "cluster_heartbeat_interval_ms", 200L));
        List<String> lines;
        KafkaClusterStatus status;
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple, the tests' logger, writes to whatever System.err is at the time of each line.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            KafkaConnectorComponent connector = new KafkaConnectorComponent(configuration,
                    Map.of("bootstrap.servers", "127.0.0.1:" + deadPort));
            KafkaTopicAdminComponent topicAdmin = new KafkaTopicAdminComponent(connector, connector);
            ClusterMessagingComponent cluster = new ClusterMessagingComponent(connector, connector, topicAdmin, configuration);
            try {
                Eventually.until("the first check has finished", () -> !ClusterHealthMonitor.NOT_CHECKED_YET
                        .equals(connector.clusterStatus().error()));
                // An observation period, not a wait for a condition: whatever the connector does
                // against the dead port in this time is what is counted.
                Thread.sleep(OBSERVED.toMillis());
                status = connector.clusterStatus();
            } finally {
                cluster.deactivate();
                topicAdmin.deactivate();
                connector.deactivate();
            }
        } finally {
            System.setErr(original);
            lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
        List<String> logLines = lines.stream().filter(line -> line.startsWith("[")).toList();
        original.println("UnreachableClusterTest: " + logLines.size() + " log lines in about " + OBSERVED.toSeconds()
                + " s, for example:");
        logLines.stream().limit(20).forEach(line -> original.println("  " + line));

        assertThat(status.reachable()).isFalse();
        assertThat(status.error()).isEqualTo("no answer within 500 ms (check bootstrap.servers and that the brokers are running)");
        assertThat(lines).as("admin clients re-bootstrapping in a busy loop")
                .filteredOn(line -> line.contains("AdminMetadataManager") && line.contains("Rebootstrapping")).isEmpty();
        assertThat(lines).filteredOn(line -> line.contains("The AdminClient thread has exited")).hasSizeLessThanOrEqualTo(2);
        assertThat(lines).filteredOn(line -> line.contains("ClusterProbe") && line.contains("is unreachable")).hasSize(1);
        // What is left is kafka-clients' own NetworkClient at each reconnection of each client (about
        // one a second each) and the clients' start-up and close-down notices.
        assertThat(logLines).hasSizeLessThan(150);
    }

    private static int portWhereNothingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The typed configuration with {@code values} and every other key at its default. */
    static KafkaConnectorConfiguration configuration(Map<String, Object> values) {
        return (KafkaConnectorConfiguration) Proxy.newProxyInstance(KafkaConnectorConfiguration.class.getClassLoader(),
                new Class<?>[] {KafkaConnectorConfiguration.class}, (proxy, method, arguments) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return KafkaConnectorConfiguration.class;
                    }
                    return method.getDefaultValue();
                });
    }
}
