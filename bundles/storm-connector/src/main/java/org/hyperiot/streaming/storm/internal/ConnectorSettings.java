package org.hyperiot.streaming.storm.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.hyperiot.streaming.api.storm.TopologyService;

/**
 * The connector's configuration, checked: every value is usable, or construction fails naming the
 * key and the value, so that a wrong {@code .cfg} shows up as one clear error at activation.
 *
 * @param nimbusSeeds          Nimbus hosts, in the configured order
 * @param nimbusPort           Nimbus' Thrift port
 * @param connectTimeout       bound on finding the leader
 * @param requestTimeout       bound on one request
 * @param killWaitSeconds      default wait of kills and rebalances, at least 5
 * @param undeployOnUnregister whether a provider's topology is killed when the provider goes away
 * @param redeployTimeout      bound on waiting for Nimbus to forget a killed topology, after its wait
 * @param healthInterval       period of the background cluster check
 * @param reconcileInterval    period at which every provider's topology is checked against Nimbus even
 *                             when nothing changed in OSGi (a topology killed or lost outside the
 *                             platform is submitted again)
 */
public record ConnectorSettings(List<String> nimbusSeeds, int nimbusPort, Duration connectTimeout, Duration requestTimeout,
        int killWaitSeconds, boolean undeployOnUnregister, Duration redeployTimeout, Duration healthInterval,
        Duration reconcileInterval) {

    /** A host name or an IPv4/IPv6 literal; nothing that could smuggle a port, path or spaces. */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{0,41}]?");

    public ConnectorSettings {
        nimbusSeeds = List.copyOf(nimbusSeeds);
        if (nimbusSeeds.isEmpty()) {
            throw new IllegalArgumentException("nimbus.seeds names no host: give at least one Nimbus host");
        }
        for (String seed : nimbusSeeds) {
            if (!HOST.matcher(seed).matches()) {
                throw new IllegalArgumentException("nimbus.seeds: '" + seed + "' is not a host name or address "
                        + "(give hosts only; the port is nimbus.thrift.port)");
            }
        }
        if (nimbusPort < 1 || nimbusPort > 65535) {
            throw new IllegalArgumentException("nimbus.thrift.port must be between 1 and 65535, not " + nimbusPort);
        }
        positive("connect.timeout.ms", connectTimeout);
        positive("request.timeout.ms", requestTimeout);
        positive("redeploy.timeout.seconds", redeployTimeout);
        positive("health.interval.ms", healthInterval);
        positive("reconcile.interval.seconds", reconcileInterval);
        if (killWaitSeconds < TopologyService.MINIMUM_KILL_WAIT_SECONDS) {
            throw new IllegalArgumentException("kill.wait.seconds must be at least "
                    + TopologyService.MINIMUM_KILL_WAIT_SECONDS + ", not " + killWaitSeconds
                    + ": shorter waits leave workers no time to stop cleanly");
        }
    }

    static ConnectorSettings from(StormConnectorConfiguration configuration) {
        return new ConnectorSettings(seeds(configuration.nimbus_seeds()), configuration.nimbus_thrift_port(),
                Duration.ofMillis(configuration.connect_timeout_ms()),
                Duration.ofMillis(configuration.request_timeout_ms()), configuration.kill_wait_seconds(),
                configuration.undeploy_on_unregister(), Duration.ofSeconds(configuration.redeploy_timeout_seconds()),
                Duration.ofMillis(configuration.health_interval_ms()),
                Duration.ofSeconds(configuration.reconcile_interval_seconds()));
    }

    /** Splits the comma-separated seeds, ignoring blanks around and between them. */
    static List<String> seeds(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(seed -> !seed.isEmpty()).toList();
    }

    /** The seeds as configured, for status reports. */
    public String seedsText() {
        return String.join(",", nimbusSeeds);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, not " + (value == null ? null : value.toMillis()));
        }
    }
}
