package org.hyperiot.streaming.kafka.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster for its id and live brokers through a long-lived admin client, which reconnects
 * by itself when brokers come back, so a probe after an outage needs no new client.
 *
 * <p>The log hears about changes only: a warning when the cluster stops answering or the reason
 * changes (a wrong password, say), a notice when it answers again. Health checks that find the same
 * problem again add nothing to it.
 */
final class ClusterProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProbe.class);
    private static final String KAFKA_AUTHENTICATION_PREFIX = "Authentication failed: ";

    private final Admin admin;
    private final String bootstrapServers;
    private final int timeoutMs;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Consumer<String> notices;
    /** The last status reported to the log; {@code null} before the first probe. */
    private KafkaClusterStatus reported;

    ClusterProbe(Admin admin, String bootstrapServers, int timeoutMs, Clock clock) {
        this(admin, bootstrapServers, timeoutMs, clock, LOG::warn, LOG::info);
    }

    /**
     * @param warnings receives a message when the cluster becomes unreachable or the reason changes
     * @param notices  receives a message when the cluster is reachable again
     */
    ClusterProbe(Admin admin, String bootstrapServers, int timeoutMs, Clock clock, Consumer<String> warnings,
            Consumer<String> notices) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
        this.warnings = warnings;
        this.notices = notices;
    }

    KafkaClusterStatus probe() {
        KafkaClusterStatus status = ask();
        // A probe interrupted because its client is being closed says nothing about the cluster.
        if (!Thread.currentThread().isInterrupted()) {
            report(status);
        }
        return status;
    }

    private KafkaClusterStatus ask() {
        try {
            DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            // The futures share the request's deadline; the extra second only covers scheduling slack.
            String clusterId = result.clusterId().get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            Collection<Node> nodes = result.nodes().get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            return new KafkaClusterStatus(true, clusterId, nodes.size(), bootstrapServers, null, clock.instant());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                // Kafka's words ("Timed out waiting for a node assignment. Call: describeCluster") do not
                // say what to check; an address where no broker listens ends here.
                return unreachable(noAnswer());
            }
            return unreachable(describe(e.getCause()));
        } catch (TimeoutException e) {
            return unreachable(noAnswer());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted while waiting for the cluster");
        } catch (RuntimeException e) {
            return unreachable(describe(e));
        }
    }

    private synchronized void report(KafkaClusterStatus status) {
        KafkaClusterStatus previous = reported;
        reported = status;
        if (status.reachable()) {
            if (previous != null && !previous.reachable()) {
                notices.accept("Kafka cluster at " + bootstrapServers + " is reachable again (cluster id "
                        + status.clusterId() + ")");
            }
        } else if (previous == null || previous.reachable() || !Objects.equals(previous.error(), status.error())) {
            warnings.accept("Kafka cluster at " + bootstrapServers + " is unreachable: " + status.error());
        }
    }

    private String noAnswer() {
        return "no answer within " + timeoutMs + " ms (check bootstrap.servers and that the brokers are running)";
    }

    private KafkaClusterStatus unreachable(String reason) {
        return new KafkaClusterStatus(false, null, 0, bootstrapServers, reason, clock.instant());
    }

    /**
     * Says why the cluster refused us in the operator's terms. Kafka's messages name the mechanism and
     * never the credentials, so they are kept; the hint names the settings to check.
     */
    static String describe(Throwable error) {
        SslAuthenticationException tls = find(error, SslAuthenticationException.class);
        if (tls != null) {
            return "TLS handshake failed: " + deepestMessage(tls)
                    + " (check kafka.all.ssl.truststore.* and, for client certificates, kafka.all.ssl.keystore.*)";
        }
        AuthenticationException authentication = find(error, AuthenticationException.class);
        if (authentication != null) {
            String message = Objects.toString(authentication.getMessage(), authentication.getClass().getSimpleName());
            if (message.startsWith(KAFKA_AUTHENTICATION_PREFIX)) {
                message = message.substring(KAFKA_AUTHENTICATION_PREFIX.length());
            }
            return "authentication failed: " + message
                    + " (check kafka.all.security.protocol, kafka.all.sasl.mechanism and kafka.all.sasl.jaas.config)";
        }
        AuthorizationException authorization = find(error, AuthorizationException.class);
        if (authorization != null) {
            return "not authorized: " + authorization.getMessage();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The JDK's reason for a failed handshake ("PKIX path building failed…") sits below Kafka's generic one. */
    private static String deepestMessage(Throwable error) {
        String message = error.getMessage();
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
