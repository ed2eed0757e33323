package org.hyperiot.streaming.storm.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.storm.Config;
import org.apache.storm.generated.Nimbus;
import org.apache.storm.generated.NimbusSummary;
import org.apache.storm.utils.NimbusClient;
import org.apache.storm.utils.Utils;
import org.hyperiot.streaming.api.storm.StormException;

/**
 * The connector's one connection to the leader Nimbus, shared by every caller.
 *
 * <p>Thrift clients are not thread-safe, so calls are serialised on one client. The client is
 * created on first use and after a transport failure (Nimbus restarted, leader moved): a
 * {@linkplain #read read} is then made once more on a new connection, a {@linkplain #write write}
 * is not, since it may have reached Nimbus. Every failure becomes a {@link StormException} that keeps
 * Storm's exception as its cause. Each call runs with the thread context class loader that
 * storm-client needs.
 *
 * <p>The leader is found by asking each seed in turn ({@code getLeader}, the cheapest call Nimbus
 * has), without Storm's own lookup: that one merges {@code storm.yaml} and the {@code storm.options}
 * system property into the configuration, retries with back-off and logs a stack trace per seed
 * whenever Nimbus is down.
 */
public final class NimbusGateway implements AutoCloseable {

    /** One request on the Thrift client. */
    @FunctionalInterface
    public interface NimbusCall<T> {
        T call(Nimbus.Iface nimbus) throws Exception;
    }

    private final ConnectorSettings settings;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Map<String, Object> clientConfiguration; // guarded by lock
    private NimbusClient client; // guarded by lock
    private String leader; // guarded by lock
    private boolean closed; // guarded by lock

    public NimbusGateway(ConnectorSettings settings) {
        this.settings = settings;
    }

    public ConnectorSettings settings() {
        return settings;
    }

    /** Makes a request that may safely be made twice: after a transport failure it is made once more. */
    public <T> T read(String action, NimbusCall<T> call) {
        return call(action, call, true);
    }

    /** Makes a request that changes something: never repeated by the gateway. */
    public <T> T write(String action, NimbusCall<T> call) {
        return call(action, call, false);
    }

    /** The leader the gateway is connected to as {@code host:port}, or {@code null} while unconnected. */
    public String leader() {
        lock.lock();
        try {
            return leader;
        } finally {
            lock.unlock();
        }
    }

    private <T> T call(String action, NimbusCall<T> call, boolean repeatable) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw StormErrors.translate(action, e);
        }
        try {
            if (closed) {
                throw new StormException(StormException.NIMBUS_UNAVAILABLE,
                        "The Storm connector is stopping; cannot " + action);
            }
            return StormClientLoader.call(() -> attempt(action, call, repeatable));
        } catch (Exception e) {
            throw StormErrors.translate(action, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T attempt(String action, NimbusCall<T> call, boolean repeatable) throws Exception {
        boolean reused = client != null;
        try {
            return call.call(connected().getClient());
        } catch (Exception e) {
            if (!StormErrors.isUnreachable(e)) {
                throw e;
            }
            disconnect();
            // A connection that worked before may just be stale (Nimbus restarted since): one more
            // try on a fresh one tells a dead Nimbus from an old socket.
            if (!repeatable || !reused) {
                throw e;
            }
            return call.call(connected().getClient());
        }
    }

    private NimbusClient connected() {
        if (client == null) {
            client = connectToLeader();
        }
        return client;
    }

    private NimbusClient connectToLeader() {
        Map<String, Object> configuration = clientConfiguration();
        int connectTimeout = (int) settings.connectTimeout().toMillis();
        int requestTimeout = (int) settings.requestTimeout().toMillis();
        List<String> failures = new ArrayList<>();
        Exception firstFailure = null;
        for (String seed : settings.nimbusSeeds()) {
            try {
                NimbusSummary summary;
                try (NimbusClient probe = NimbusClient.Builder.withConf(configuration).withTimeout(connectTimeout)
                        .buildWithNimbusHostPort(seed, settings.nimbusPort())) {
                    summary = probe.getClient().getLeader();
                }
                if (summary == null) {
                    failures.add(seed + ": knows no leader yet");
                    continue;
                }
                NimbusClient connected = NimbusClient.Builder.withConf(configuration).withTimeout(requestTimeout)
                        .buildWithNimbusHostPort(summary.get_host(), summary.get_port());
                leader = summary.get_host() + ":" + summary.get_port();
                return connected;
            } catch (Exception e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
                failures.add(seed + ": " + StormErrors.describe(e));
            }
        }
        throw new StormException(StormException.NIMBUS_UNAVAILABLE, "No Nimbus leader answered at "
                + settings.seedsText() + " port " + settings.nimbusPort() + " (" + String.join("; ", failures) + ")",
                firstFailure);
    }

    /**
     * Storm's defaults plus what the connector sets; never {@code storm.yaml} or system properties,
     * which would make the connector depend on files and flags of the Karaf process.
     */
    private Map<String, Object> clientConfiguration() {
        if (clientConfiguration == null) {
            Map<String, Object> configuration = new HashMap<>(Utils.readDefaultConfig());
            configuration.put(Config.NIMBUS_SEEDS, settings.nimbusSeeds());
            configuration.put(Config.NIMBUS_THRIFT_PORT, settings.nimbusPort());
            // One connection attempt per connect: the gateway decides about trying again.
            configuration.put(Config.STORM_NIMBUS_RETRY_TIMES, 0);
            configuration.put(Config.STORM_THRIFT_SOCKET_TIMEOUT_MS, (int) settings.requestTimeout().toMillis());
            clientConfiguration = configuration;
        }
        return clientConfiguration;
    }

    private void disconnect() {
        if (client != null) {
            client.close();
            client = null;
            leader = null;
        }
    }

    /** Closes the connection; later calls fail with {@code NIMBUS_UNAVAILABLE}. Waits for a running call. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            disconnect();
        } finally {
            lock.unlock();
        }
    }
}
