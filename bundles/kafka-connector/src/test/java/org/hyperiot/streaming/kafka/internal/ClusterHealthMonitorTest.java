package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterHealthMonitorTest {

    private static final String SERVERS = "broker-1:9092";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AtomicInteger describeClusterCalls = new AtomicInteger();
    private ClusterHealthMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void theStatusIsTheLastBackgroundCheckAndAskingForItCallsNoKafka() throws InterruptedException {
        monitor = monitor(admin(() -> answered("cluster-a")), Duration.ofHours(1)).start();
        Eventually.until("the first check answered", () -> monitor.status().reachable());

        for (int i = 0; i < 10_000; i++) {
            assertThat(monitor.status()).isEqualTo(new KafkaClusterStatus(true, "cluster-a", 1, SERVERS, null, NOW));
        }

        assertThat(describeClusterCalls).hasValue(1);
    }

    @Test
    void checksRepeatAtTheInterval() throws InterruptedException {
        monitor = monitor(admin(() -> answered("cluster-a")), Duration.ofMillis(50)).start();

        Eventually.until("three checks ran", () -> describeClusterCalls.get() >= 3);
    }

    @Test
    void aClusterThatNeverAnswersHoldsNoCaller() throws InterruptedException {
        // The admin's future never completes: the probe waits its whole timeout on the monitor's thread.
        monitor = new ClusterHealthMonitor(new ClusterProbe(admin(KafkaFutureImpl::new), SERVERS, 60_000, CLOCK,
                message -> { }, message -> { }), SERVERS, Duration.ofSeconds(1), CLOCK,
                Executors.newSingleThreadScheduledExecutor()).start();
        Eventually.until("the check is waiting for Kafka", () -> describeClusterCalls.get() == 1);

        long started = System.nanoTime();
        KafkaClusterStatus status = null;
        for (int i = 0; i < 1000; i++) {
            status = monitor.status();
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
        assertThat(status.reachable()).isFalse();
        assertThat(status.error()).isEqualTo(ClusterHealthMonitor.NOT_CHECKED_YET);
        assertThat(status.bootstrapServers()).isEqualTo(SERVERS);
        assertThat(status.checkedAt()).isEqualTo(NOW);
    }

    @Test
    void anUnreachableClusterIsReportedWithItsReason() throws InterruptedException {
        monitor = monitor(admin(() -> failed(new org.apache.kafka.common.errors.TimeoutException(
                "Timed out waiting for a node assignment. Call: describeCluster"))), Duration.ofHours(1)).start();

        Eventually.until("the timeout is reported", () -> monitor.status().error().startsWith("no answer"));
        assertThat(monitor.status().reachable()).isFalse();
    }

    @Test
    void closingStopsTheChecks() throws InterruptedException {
        monitor = monitor(admin(() -> answered("cluster-a")), Duration.ofMillis(20)).start();
        Eventually.until("a check ran", () -> describeClusterCalls.get() >= 1);

        monitor.close();
        int afterClose = describeClusterCalls.get();

        Eventually.throughout("no check after close", Duration.ofMillis(200), () -> describeClusterCalls.get() == afterClose);
    }

    private ClusterHealthMonitor monitor(Admin admin, Duration interval) {
        return new ClusterHealthMonitor(new ClusterProbe(admin, SERVERS, 3000, CLOCK, message -> { }, message -> { }),
                SERVERS, interval, CLOCK, Executors.newSingleThreadScheduledExecutor());
    }

    /** An admin client that counts describeCluster calls and answers each with a fresh cluster-id future. */
    private Admin admin(java.util.function.Supplier<KafkaFutureImpl<String>> clusterIds) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, arguments) -> {
                    if (!method.getName().equals("describeCluster")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    describeClusterCalls.incrementAndGet();
                    return result(clusterIds.get());
                });
    }

    private static KafkaFutureImpl<String> answered(String clusterId) {
        KafkaFutureImpl<String> future = new KafkaFutureImpl<>();
        future.complete(clusterId);
        return future;
    }

    private static KafkaFutureImpl<String> failed(Throwable error) {
        KafkaFutureImpl<String> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        return future;
    }

    private static DescribeClusterResult result(KafkaFutureImpl<String> clusterId) throws ReflectiveOperationException {
        Node node = new Node(1, "broker-1", 9092);
        KafkaFutureImpl<Collection<Node>> nodes = new KafkaFutureImpl<>();
        clusterId.whenComplete((id, error) -> {
            if (error == null) {
                nodes.complete(List.of(node));
            } else {
                nodes.completeExceptionally(error);
            }
        });
        Constructor<DescribeClusterResult> constructor = DescribeClusterResult.class.getDeclaredConstructor(
                KafkaFuture.class, KafkaFuture.class, KafkaFuture.class, KafkaFuture.class);
        constructor.setAccessible(true);
        return constructor.newInstance(nodes, KafkaFuture.completedFuture(node), clusterId,
                KafkaFuture.completedFuture(null));
    }
}
