package org.hyperiot.streaming.kafka.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;

/**
 * Asks the cluster for its id and live brokers through a long-lived admin client, which reconnects
 * by itself when brokers come back, so a probe after an outage needs no new client.
 */
final class ClusterProbe {

    private final Admin admin;
    private final String bootstrapServers;
    private final int timeoutMs;
    private final Clock clock;

    ClusterProbe(Admin admin, String bootstrapServers, int timeoutMs, Clock clock) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    KafkaClusterStatus probe() {
        try {
            DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            // The futures share the request's deadline; the extra second only covers scheduling slack.
            String clusterId = result.clusterId().get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            Collection<Node> nodes = result.nodes().get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            return new KafkaClusterStatus(true, clusterId, nodes.size(), bootstrapServers, null, clock.instant());
        } catch (ExecutionException e) {
            return unreachable(describe(e.getCause()));
        } catch (TimeoutException e) {
            return unreachable("no answer within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted while waiting for the cluster");
        } catch (RuntimeException e) {
            return unreachable(describe(e));
        }
    }

    private KafkaClusterStatus unreachable(String reason) {
        return new KafkaClusterStatus(false, null, 0, bootstrapServers, reason, clock.instant());
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
