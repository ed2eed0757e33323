package org.hyperiot.streaming.example.storm.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.storm.Config;
import org.apache.storm.generated.StormTopology;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the example topology with the Storm connector, which deploys it. A change of the
 * configuration PID {@code org.hyperiot.streaming.example.storm} updates this service's properties,
 * and the connector redeploys the topology (kill with its wait, then submit); stopping or uninstalling
 * the bundle withdraws the service and the connector kills the topology.
 *
 * <p>Kafka: {@code bootstrap.servers} of this PID, the platform's client properties (the Kafka
 * connector's {@code kafka.all.} keys, so the embedded broker's login), and this PID's own
 * {@code kafka.} keys over those. Secrets among them go to Storm as credentials.
 *
 * <p>The topology jar is this bundle's own jar (the default of {@link TopologyProvider#jars()}): it
 * carries the spout, the bolts and, unpacked, storm-kafka-client, kafka-clients and Jackson, which
 * Storm's workers need besides Storm itself.
 */
// REQUIRE: started with defaults before the feature's .cfg arrived, it would deploy a topology only to
// redeploy it a moment later (bootstrap.servers differs as soon as the file is read).
@Component(configurationPid = AlertsTopologyProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AlertsTopologyConfiguration.class)
public class AlertsTopologyProvider implements TopologyProvider {

    static final String PID = "org.hyperiot.streaming.example.storm";

    private final ConfigurationAdmin configurationAdmin;
    private volatile Deployment deployment;

    /**
     * Everything read from one configuration. The topology is built on the first call of
     * {@link #topology()}, which the connector makes with storm-client's class loader as the context
     * loader (Storm's {@code Utils} and {@code VersionInfo} read their resources through it; built on
     * SCR's thread instead, they fail), and then kept, so that unchanged calls return the same topology.
     */
    private static final class Deployment {
        private final String name;
        private final AlertsTopology.Settings settings;
        private final Map<String, Object> configuration;
        private final Map<String, String> credentials;
        private StormTopology topology;

        Deployment(String name, AlertsTopology.Settings settings, Map<String, Object> configuration,
                Map<String, String> credentials) {
            this.name = name;
            this.settings = settings;
            this.configuration = configuration;
            this.credentials = credentials;
        }

        synchronized StormTopology topology() {
            if (topology == null) {
                topology = AlertsTopology.build(settings);
            }
            return topology;
        }
    }

    @Activate
    public AlertsTopologyProvider(@Reference ConfigurationAdmin configurationAdmin,
            AlertsTopologyConfiguration configuration, Map<String, Object> properties) {
        this.configurationAdmin = configurationAdmin;
        this.deployment = deployment(configuration, kafkaProperties(configurationAdmin, properties));
    }

    @Modified
    void modified(AlertsTopologyConfiguration configuration, Map<String, Object> properties) {
        this.deployment = deployment(configuration, kafkaProperties(configurationAdmin, properties));
    }

    /** The platform's Kafka client properties, overridden by this configuration's own {@code kafka.} keys. */
    private static Map<String, Object> kafkaProperties(ConfigurationAdmin configurationAdmin, Map<String, Object> own) {
        Map<String, Object> merged = new HashMap<>(PlatformKafkaLogin.read(configurationAdmin));
        own.forEach((key, value) -> {
            if (key.startsWith(KafkaClientSettings.PREFIX)) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Deployment deployment(AlertsTopologyConfiguration configuration, Map<String, Object> kafkaProperties) {
        Map<String, String> secrets = new HashMap<>();
        KafkaClientSettings kafka = KafkaClientSettings.from(configuration.bootstrap_servers(), kafkaProperties, secrets);
        AlertsTopology.Settings settings = new AlertsTopology.Settings(kafka, configuration.input_topic(),
                configuration.output_topic(), configuration.invalid_topic(), configuration.consumer_group(),
                configuration.threshold(), configuration.threshold_executors());
        Map<String, Object> topologyConfiguration = new HashMap<>();
        topologyConfiguration.put(Config.TOPOLOGY_WORKERS, configuration.workers());
        // At most this many readings in flight per spout task: bounds the writer's pending list.
        topologyConfiguration.put(Config.TOPOLOGY_MAX_SPOUT_PENDING, 1000);
        topologyConfiguration.put(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 60);
        return new Deployment(configuration.topology_name(), settings, Map.copyOf(topologyConfiguration),
                Map.copyOf(secrets));
    }

    @Override
    public String name() {
        return deployment.name;
    }

    @Override
    public StormTopology topology() {
        return deployment.topology();
    }

    @Override
    public Map<String, Object> configuration() {
        return deployment.configuration;
    }

    @Override
    public Map<String, String> credentials() {
        return deployment.credentials;
    }
}
