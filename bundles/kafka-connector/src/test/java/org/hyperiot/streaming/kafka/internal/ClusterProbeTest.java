package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.junit.jupiter.api.Test;

class ClusterProbeTest {

    private static final String SERVERS = "broker-1:9094";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** What the next describeCluster calls answer: a cluster id, or the error they fail with. */
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final ClusterProbe probe = new ClusterProbe(admin(answers), SERVERS, 3000,
            Clock.fixed(NOW, ZoneOffset.UTC), warnings::add, notices::add);

    @Test
    void aClusterThatAnswersIsReachableWithItsIdAndBrokers() {
        answers.add("cluster-a");

        KafkaClusterStatus status = probe.probe();

        assertThat(status).isEqualTo(new KafkaClusterStatus(true, "cluster-a", 1, SERVERS, null, NOW));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aWrongSaslPasswordIsAnAuthenticationFailureWithKafkasReason() {
        answers.add(new SaslAuthenticationException("Authentication failed: Invalid username or password"));

        KafkaClusterStatus status = probe.probe();

        assertThat(status.reachable()).isFalse();
        assertThat(status.error()).startsWith("authentication failed: Invalid username or password")
                .contains("sasl.jaas.config");
    }

    @Test
    void aWrongScramPasswordKeepsKafkasWordsNamingTheMechanism() {
        answers.add(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));

        assertThat(probe.probe().error()).startsWith("authentication failed: Authentication failed during "
                + "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void anUntrustedCertificateIsATlsFailureWithTheJdksReason() {
        answers.add(new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path")));

        assertThat(probe.probe().error())
                .startsWith("TLS handshake failed: PKIX path building failed: unable to find valid certification path")
                .contains("ssl.truststore");
    }

    @Test
    void otherErrorsKeepTheirTypeAndMessageAndATimeoutSaysWhatToCheck() {
        answers.add(new ClusterAuthorizationException("Cluster authorization failed."));
        answers.add(new TimeoutException("Timed out waiting for a node assignment."));

        assertThat(probe.probe().error()).isEqualTo("not authorized: Cluster authorization failed.");
        assertThat(probe.probe().error())
                .isEqualTo("no answer within 3000 ms (check bootstrap.servers and that the brokers are running)");
    }

    @Test
    void theLogHearsOfEachChangeOnceAndNotOfEveryProbe() {
        SaslAuthenticationException wrongPassword =
                new SaslAuthenticationException("Authentication failed: Invalid username or password");
        answers.add("cluster-a");
        answers.add(wrongPassword);
        answers.add(wrongPassword);
        answers.add(wrongPassword);
        answers.add(new TimeoutException("Timed out waiting for a node assignment."));
        answers.add(new TimeoutException("Timed out waiting for a node assignment."));
        answers.add("cluster-a");
        answers.add("cluster-a");

        List<String> errors = new ArrayList<>();
        while (!answers.isEmpty()) {
            KafkaClusterStatus status = probe.probe();
            if (status.error() != null && !errors.contains(status.error())) {
                errors.add(status.error());
            }
        }

        assertThat(warnings).containsExactly(
                "Kafka cluster at " + SERVERS + " is unreachable: " + errors.get(0),
                "Kafka cluster at " + SERVERS + " is unreachable: " + errors.get(1));
        assertThat(notices).containsExactly("Kafka cluster at " + SERVERS + " is reachable again (cluster id cluster-a)");
    }

    @Test
    void aClusterUnreachableFromTheFirstProbeIsReportedOnce() {
        answers.add(new TimeoutException("Timed out waiting for a node assignment."));
        answers.add(new TimeoutException("Timed out waiting for a node assignment."));

        probe.probe();
        probe.probe();

        assertThat(warnings).hasSize(1);
        assertThat(notices).isEmpty();
    }

    /** An admin client that only answers describeCluster, from {@code answers}. */
    private static Admin admin(Deque<Object> answers) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, arguments) -> {
                    if (!method.getName().equals("describeCluster")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return describeClusterResult(answers.remove());
                });
    }

    private static DescribeClusterResult describeClusterResult(Object answer) throws ReflectiveOperationException {
        KafkaFutureImpl<Collection<Node>> nodes = new KafkaFutureImpl<>();
        KafkaFutureImpl<Node> controller = new KafkaFutureImpl<>();
        KafkaFutureImpl<String> clusterId = new KafkaFutureImpl<>();
        if (answer instanceof Throwable error) {
            nodes.completeExceptionally(error);
            controller.completeExceptionally(error);
            clusterId.completeExceptionally(error);
        } else {
            Node node = new Node(1, "broker-1", 9094);
            nodes.complete(List.of(node));
            controller.complete(node);
            clusterId.complete((String) answer);
        }
        // Kafka builds these results itself; the constructor is package-private.
        Constructor<DescribeClusterResult> constructor = DescribeClusterResult.class.getDeclaredConstructor(
                KafkaFuture.class, KafkaFuture.class, KafkaFuture.class, KafkaFuture.class);
        constructor.setAccessible(true);
        return constructor.newInstance(nodes, controller, clusterId, KafkaFuture.completedFuture(null));
    }
}
