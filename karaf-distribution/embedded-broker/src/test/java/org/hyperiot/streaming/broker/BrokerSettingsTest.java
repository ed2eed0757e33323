package org.hyperiot.streaming.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void defaultsToLoopbackWithTheControllerOnTheNextPort() {
        Properties p = BrokerSettings.parse(new String[] {"--data-dir", "data", "--port", "19092"}).serverProperties();

        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("data").toAbsolutePath().resolve("log").toString());
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
    }

    @Test
    void overridesApplyLast() {
        Properties p = BrokerSettings.parse(new String[] {"--data-dir", "d", "--override", "min.insync.replicas=2",
            "--override", "sasl.enabled.mechanisms=PLAIN"}).serverProperties();

        assertThat(p.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(p.getProperty("sasl.enabled.mechanisms")).isEqualTo("PLAIN");
    }

    @Test
    void overriddenListenersReplaceTheDefaultOnesSoThatSecuredListenersCanBeAdded() {
        String listeners = "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,SASL_PLAINTEXT://127.0.0.1:19094";
        Properties p = BrokerSettings.parse(new String[] {"--data-dir", "d", "--port", "19092",
            "--override", "listeners=" + listeners,
            "--override", "advertised.listeners=PLAINTEXT://127.0.0.1:19092,SASL_PLAINTEXT://127.0.0.1:19094",
            "--override", "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
            "--override", "listener.name.sasl_plaintext.plain.sasl.jaas.config=x required user_a=\"b\";"}).serverProperties();

        assertThat(p.getProperty("listeners")).isEqualTo(listeners);
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,SASL_PLAINTEXT://127.0.0.1:19094");
        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(p.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config")).isEqualTo("x required user_a=\"b\";");
    }

    @Test
    void rejectsMissingDataDirAndUnknownOptions() {
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--port", "1"})).hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir", "d", "--bogus", "x"}))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir"})).hasMessageContaining("missing value");
    }
}
