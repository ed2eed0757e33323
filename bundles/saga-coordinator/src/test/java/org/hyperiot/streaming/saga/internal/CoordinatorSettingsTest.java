package org.hyperiot.streaming.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CoordinatorSettingsTest {

    @Test
    void coordinatorThreadsStayWithinOneToThirtyTwo() {
        assertThat(SagaCoordinatorComponent.coordinatorThreads(configuration(Map.of()))).isEqualTo(1);
        assertThat(SagaCoordinatorComponent.coordinatorThreads(configuration(Map.of("coordinator_threads", 4)))).isEqualTo(4);
        assertThat(SagaCoordinatorComponent.coordinatorThreads(configuration(Map.of("coordinator_threads", 0)))).isEqualTo(1);
        assertThat(SagaCoordinatorComponent.coordinatorThreads(configuration(Map.of("coordinator_threads", 500)))).isEqualTo(32);
    }


    /** The configuration with the annotation's defaults, but for the given values. */
    private static SagaConfiguration configuration(Map<String, Object> values) {
        return (SagaConfiguration) Proxy.newProxyInstance(SagaConfiguration.class.getClassLoader(),
                new Class<?>[] {SagaConfiguration.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void theConfiguredRetentionIsKept() {
        assertThat(SagaCoordinatorComponent.settledRetention(configuration(Map.of())))
                .isEqualTo(Duration.ofDays(7));
        assertThat(SagaCoordinatorComponent.settledRetention(configuration(Map.of("settled_retention_ms", 3_600_000L))))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRetentionShorterThanAMinuteOrThanAStartWaitsIsRaised() {
        assertThat(SagaCoordinatorComponent.settledRetention(configuration(Map.of("settled_retention_ms", 0L))))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(SagaCoordinatorComponent.settledRetention(configuration(Map.of("settled_retention_ms", -5L))))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(SagaCoordinatorComponent.settledRetention(configuration(Map.of("settled_retention_ms", 70_000L,
                "start_timeout_ms", 90_000)))).isEqualTo(Duration.ofSeconds(90));
    }
}
