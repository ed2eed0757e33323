package org.hyperiot.streaming.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.storm.localnimbus.LocalNimbusProcess;
import org.junit.jupiter.api.Test;

/** Without a Nimbus, requests fail fast with NIMBUS_UNAVAILABLE and the health check reports DOWN. */
class UnreachableNimbusTest {

    @Test
    void failsFastWithItsCodeAndCause() throws Exception {
        int nothingListens = LocalNimbusProcess.freePort();
        ConnectorSettings settings = new ConnectorSettings(List.of("127.0.0.1"), nothingListens, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 10, true, Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(60));
        try (NimbusGateway gateway = new NimbusGateway(settings)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new NimbusTopologies(new StormConnection() {
                @Override
                public NimbusGateway gateway() {
                    return gateway;
                }

                @Override
                public StormClusterStatus clusterStatus() {
                    throw new UnsupportedOperationException();
                }
            }).list()).isInstanceOfSatisfying(StormException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(StormException.NIMBUS_UNAVAILABLE);
                assertThat(e.getMessage()).contains("127.0.0.1").contains(Integer.toString(nothingListens));
                assertThat(e.getCause()).isNotNull();
            });
            // One attempt: Storm's own connect would retry five times with at least 2 s between tries.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));

            StormClusterStatus status = new ClusterHealthCheckAccess(gateway, Clock.systemUTC(),
                    Executors.newSingleThreadScheduledExecutor()).checkNow();
            assertThat(status.up()).isFalse();
            assertThat(status.status()).isEqualTo("DOWN");
            assertThat(status.error()).contains("No Nimbus leader answered");
            assertThat(status.nimbusSeeds()).isEqualTo("127.0.0.1");
        }
    }
}
