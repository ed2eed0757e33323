package org.hyperiot.streaming.example.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class AlertsTopologyTest {

    private static final String PASSWORD = "s3cret-kafka-password";

    @Test
    void wiresSpoutThresholdAndWriterAndKeepsSecretsOutOfTheTopology() throws Exception {
        // The platform's login as bin/streaming writes it (the JAAS line private), the protocol overridden here.
        ConfigurationAdmin platform = platform(Map.of(
                "bootstrap.servers", "elsewhere:9092",
                "kafka.all.security.protocol", "SASL_SSL",
                "kafka.all.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.producer.acks", "1",
                ".kafka.all.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"node\" password=\"" + PASSWORD + "\";"));
        AlertsTopologyProvider provider = new AlertsTopologyProvider(platform, configuration(3),
                Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "threshold", 30.0));

        StormTopology topology = provider.topology();
        assertThat(topology.get_spouts()).containsOnlyKeys(AlertsTopology.SPOUT);
        assertThat(topology.get_bolts()).containsOnlyKeys(AlertsTopology.THRESHOLD, AlertsTopology.WRITER);
        assertThat(topology.get_bolts().get(AlertsTopology.THRESHOLD).get_common().get_parallelism_hint()).isEqualTo(3);
        assertThat(topology.get_bolts().get(AlertsTopology.WRITER).get_common().get_inputs()).hasSize(2);
        assertThat(topology.get_bolts().get(AlertsTopology.THRESHOLD).get_common().get_streams())
                .containsKeys(Utils.DEFAULT_STREAM_ID, ThresholdBolt.INVALID);

        ReadingsSpout spout = (ReadingsSpout) Utils.javaDeserialize(
                topology.get_spouts().get(AlertsTopology.SPOUT).get_spout_object().get_serialized_java(), Object.class);
        assertThat(spout.topic()).isEqualTo("storm-readings");

        String serialised = new String(Utils.thriftSerialize(topology), StandardCharsets.ISO_8859_1);
        assertThat(serialised).contains("SASL_PLAINTEXT", "SCRAM-SHA-512", "127.0.0.1:9092")
                .doesNotContain(PASSWORD, "SASL_SSL", "elsewhere");
        assertThat(provider.configuration().toString()).doesNotContain(PASSWORD);
        assertThat(provider.credentials()).containsOnlyKeys("kafka.sasl.jaas.config");
        assertThat(provider.configuration()).containsEntry("topology.workers", 1);
    }

    @Test
    void anUnchangedConfigurationGivesAnEqualTopologyAndAChangedOneAnother() {
        AlertsTopologyProvider provider = new AlertsTopologyProvider(platform(Map.of()), configuration(2), Map.of());
        byte[] first = Utils.thriftSerialize(provider.topology());
        assertThat(Utils.thriftSerialize(provider.topology())).isEqualTo(first);
        assertThat(Utils.thriftSerialize(new AlertsTopologyProvider(platform(Map.of()), configuration(2), Map.of()).topology())).isEqualTo(first);
        provider.modified(configuration(4), Map.of());
        assertThat(Utils.thriftSerialize(provider.topology())).isNotEqualTo(first);
    }

    /** A ConfigurationAdmin whose Kafka connector configuration holds {@code connector}. */
    private static ConfigurationAdmin platform(Map<String, Object> connector) {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperties")) {
                        return connector.isEmpty() ? null : new Hashtable<>(connector);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration") && args.length == 2
                            && PlatformKafkaLogin.KAFKA_CONNECTOR_PID.equals(args[0]) && "?".equals(args[1])) {
                        return configuration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The defaults of the configuration annotation, with the threshold bolt's executors given. */
    private static AlertsTopologyConfiguration configuration(int executors) {
        return new AlertsTopologyConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AlertsTopologyConfiguration.class;
            }

            @Override
            public String topology_name() {
                return "example-alerts";
            }

            @Override
            public String bootstrap_servers() {
                return "127.0.0.1:9092";
            }

            @Override
            public String input_topic() {
                return "storm-readings";
            }

            @Override
            public String output_topic() {
                return "storm-alerts";
            }

            @Override
            public String invalid_topic() {
                return "storm-readings-invalid";
            }

            @Override
            public String consumer_group() {
                return "example-alerts";
            }

            @Override
            public double threshold() {
                return 30.0;
            }

            @Override
            public int workers() {
                return 1;
            }

            @Override
            public int threshold_executors() {
                return executors;
            }
        };
    }
}
