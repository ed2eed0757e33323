package org.hyperiot.streaming.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void withCredentialsEveryListenerRequiresSaslAndOnlyTheTwoUsersAreSuperUsers(@TempDir Path dir) throws IOException {
        Path broker = credentials(dir, "broker", "hyperiot-broker", "b-secret");
        Path client = credentials(dir, "client", "hyperiot-node", "c-secret");

        BrokerSettings settings = BrokerSettings.parse(new String[] {"--data-dir", "d", "--port", "19092",
            "--broker-credentials", broker.toString(), "--client-credentials", client.toString()});
        Properties p = settings.serverProperties();

        assertThat(settings.secured()).isTrue();
        assertThat(p.getProperty("listeners")).isEqualTo("SASL_PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("SASL_PLAINTEXT://127.0.0.1:19092");
        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("SASL_PLAINTEXT");
        assertThat(p.getProperty("listener.name.sasl_plaintext.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512,PLAIN");
        assertThat(p.getProperty("listener.name.controller.sasl.enabled.mechanisms")).isEqualTo("PLAIN");
        assertThat(p.getProperty("listener.name.controller.plain.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"hyperiot-broker\" "
                        + "password=\"b-secret\" user_hyperiot-broker=\"b-secret\";");
        assertThat(p.getProperty("super.users")).isEqualTo("User:hyperiot-broker;User:hyperiot-node");
        assertThat(p.getProperty("authorizer.class.name")).endsWith("StandardAuthorizer");
        assertThat(p.stringPropertyNames()).noneMatch(key -> p.getProperty(key).contains("c-secret"));
        assertThat(settings.brokerClientProperties().getProperty("sasl.jaas.config")).contains("password=\"b-secret\"");
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void credentialsComeAsAPairOfDistinctUsersWithUsablePasswords(@TempDir Path dir) throws IOException {
        Path broker = credentials(dir, "broker", "hyperiot-broker", "b");
        Path sameUser = credentials(dir, "same", "hyperiot-broker", "c");
        Path quoted = credentials(dir, "quoted", "hyperiot-node", "a\\\"b");

        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir", "d", "--broker-credentials", broker.toString()}))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir", "d", "--broker-credentials", broker.toString(),
            "--client-credentials", sameUser.toString()})).hasMessageContaining("different user names");
        assertThatThrownBy(() -> Credentials.read(quoted)).hasMessageContaining("quote or backslash");
        assertThatThrownBy(() -> new Credentials("a b", "x")).hasMessageContaining("user name");
    }

    private static Path credentials(Path dir, String name, String user, String password) throws IOException {
        Path file = dir.resolve(name + ".credentials");
        Files.writeString(file, "username=" + user + "\npassword=" + password + "\n");
        return file;
    }

    @Test
    void rejectsMissingDataDirAndUnknownOptions() {
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--port", "1"})).hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir", "d", "--bogus", "x"}))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir"})).hasMessageContaining("missing value");
    }
}
