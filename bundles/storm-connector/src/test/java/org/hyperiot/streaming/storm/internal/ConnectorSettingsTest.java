package org.hyperiot.streaming.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {

    private static ConnectorSettings settings(List<String> seeds, int port, int killWait, Duration timeout) {
        return new ConnectorSettings(seeds, port, timeout, timeout, killWait, true, Duration.ofSeconds(60),
                Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    @Test
    void splitsSeedsIgnoringBlanks() {
        assertThat(ConnectorSettings.seeds(" nimbus-1 , ,127.0.0.1,")).containsExactly("nimbus-1", "127.0.0.1");
        assertThat(ConnectorSettings.seeds("")).isEmpty();
        assertThat(ConnectorSettings.seeds(null)).isEmpty();
    }

    @Test
    void acceptsTheDefaults() {
        ConnectorSettings defaults = settings(List.of("127.0.0.1"), 6627, 10, Duration.ofSeconds(5));
        assertThat(defaults.seedsText()).isEqualTo("127.0.0.1");
        assertThat(settings(List.of("nimbus-a.example", "::1"), 1, 5, Duration.ofMillis(1)).nimbusSeeds()).hasSize(2);
    }

    @Test
    void refusesAKillWaitUnderFiveSeconds() {
        assertThatThrownBy(() -> settings(List.of("127.0.0.1"), 6627, 4, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kill.wait.seconds")
                .hasMessageContaining("at least 5");
    }

    @Test
    void refusesWhatCannotReachANimbus() {
        assertThatThrownBy(() -> settings(List.of(), 6627, 10, Duration.ofSeconds(5)))
                .hasMessageContaining("nimbus.seeds");
        assertThatThrownBy(() -> settings(List.of("127.0.0.1:6627"), 6627, 10, Duration.ofSeconds(5)))
                .hasMessageContaining("nimbus.seeds").hasMessageContaining("nimbus.thrift.port");
        assertThatThrownBy(() -> settings(List.of("host name"), 6627, 10, Duration.ofSeconds(5)))
                .hasMessageContaining("nimbus.seeds");
        assertThatThrownBy(() -> settings(List.of("127.0.0.1"), 0, 10, Duration.ofSeconds(5)))
                .hasMessageContaining("nimbus.thrift.port");
        assertThatThrownBy(() -> settings(List.of("127.0.0.1"), 65536, 10, Duration.ofSeconds(5)))
                .hasMessageContaining("nimbus.thrift.port");
        assertThatThrownBy(() -> settings(List.of("127.0.0.1"), 6627, 10, Duration.ZERO))
                .hasMessageContaining("connect.timeout.ms");
    }

    @Test
    void refusesAReconcileIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new ConnectorSettings(List.of("127.0.0.1"), 6627, Duration.ofSeconds(5),
                Duration.ofSeconds(5), 10, true, Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ZERO))
                .hasMessageContaining("reconcile.interval.seconds");
    }
}
