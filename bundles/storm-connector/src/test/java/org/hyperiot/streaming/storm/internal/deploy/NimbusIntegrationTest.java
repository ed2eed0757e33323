package org.hyperiot.streaming.storm.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.apache.storm.generated.StormTopology;
import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyDetails;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.storm.internal.Await;
import org.hyperiot.streaming.storm.internal.ConnectorSettings;
import org.hyperiot.streaming.storm.internal.NimbusGateway;
import org.hyperiot.streaming.storm.internal.NimbusTopologies;
import org.hyperiot.streaming.storm.internal.StormConnection;
import org.hyperiot.streaming.storm.localnimbus.LocalNimbusProcess;
import org.hyperiot.streaming.storm.localnimbus.NumbersTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway, the topology service and the deployer against a real Nimbus (a LocalCluster with its
 * Thrift daemon, in a JVM of its own, on 127.0.0.1): a real topology submitted, listed with its
 * executors, deactivated, activated, rebalanced to two workers, killed; a provider deployed,
 * redeployed when it changes without a refused submission, submitted again after an operator killed it,
 * undeployed when withdrawn; a Nimbus
 * killed and started again, after which the same gateway works again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NimbusIntegrationTest {

    /** Deadline of every wait: worker JVMs start in seconds on a quiet machine, in a minute or more on a busy one. */
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** Short, so that a topology killed outside the deployer is noticed within the test. */
    private static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(3);

    private LocalNimbusProcess nimbus;
    private int port;
    private ConnectorSettings settings;
    private NimbusGateway gateway;
    private NimbusTopologies topologies;
    private NimbusDeployment deployment;
    private Path jar;
    private Path progress;

    @BeforeAll
    void startNimbus() throws Exception {
        port = LocalNimbusProcess.freePort();
        nimbus = LocalNimbusProcess.start(port);
        settings = new ConnectorSettings(List.of("127.0.0.1"), port, Duration.ofSeconds(5), Duration.ofSeconds(30), 5,
                true, Duration.ofSeconds(60), Duration.ofSeconds(15), RECONCILE_INTERVAL);
        gateway = new NimbusGateway(settings);
        topologies = new NimbusTopologies(connection(gateway));
        deployment = new NimbusDeployment(gateway, Clock.systemUTC());
        progress = Files.createTempDirectory(Path.of(System.getProperty("local.nimbus.classes")).getParent(), "progress-");
        jar = topologyJar(Path.of(System.getProperty("local.nimbus.classes")).getParent().resolve("it-topology.jar"));
    }

    @AfterAll
    void stopNimbus() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (nimbus != null) {
            nimbus.close();
        }
    }

    @Test
    @Order(1)
    void controlsARealTopologyFromSubmissionToKill() throws Exception {
        String name = "it-control";
        // Every tuple counted (Storm samples 5 % by default), so that the counters move at once.
        deployment.submit(prepare(provider(name, NumbersTopology.build(2, 4),
                Map.of("topology.workers", 1, NumbersTopology.PROGRESS_DIRECTORY, progress.toString()))));

        TopologySummary listed = Await.until("listed", DEADLINE, () -> summary(name), found -> found != null);
        assertThat(listed.status()).isEqualTo(TopologyStatus.ACTIVE);
        assertThat(listed.owner()).isEqualTo("bundle:it-tests");
        TopologyDetails running = awaitEmitting(name);

        assertThat(running.spouts()).singleElement().satisfies(spout -> {
            assertThat(spout.id()).isEqualTo(NumbersTopology.SPOUT);
            assertThat(spout.executors()).isEqualTo(1);
        });
        assertThat(running.bolts()).singleElement().satisfies(bolt -> {
            assertThat(bolt.id()).isEqualTo(NumbersTopology.BOLT);
            assertThat(bolt.executors()).isEqualTo(2);
            assertThat(bolt.tasks()).isEqualTo(4);
        });
        assertThat(running.workers()).isEqualTo(1);
        assertThat(topologies.details(running.id()).name()).as("found by id too").isEqualTo(name);

        topologies.deactivate(name);
        assertThat(summary(name).status()).isEqualTo(TopologyStatus.INACTIVE);
        // The spout stops within a moment of deactivation; then its count must stand still.
        long stopped = Await.until("the spout standing still", DEADLINE, () -> {
            long before = NumbersTopology.NumbersSpout.emitted(progress, name);
            sleep(Duration.ofMillis(1500));
            return NumbersTopology.NumbersSpout.emitted(progress, name) == before ? before : null;
        }, count -> count != null);
        topologies.activate(running.id());
        assertThat(summary(name).status()).isEqualTo(TopologyStatus.ACTIVE);
        Await.until("the spout emitting again", DEADLINE, () -> NumbersTopology.NumbersSpout.emitted(progress, name),
                count -> count > stopped);

        topologies.rebalance(name, new RebalanceRequest(1, 2, Map.of(NumbersTopology.BOLT, 3)));
        TopologyDetails rebalanced = Await.until("rebalanced to 2 workers", DEADLINE, () -> topologies.details(name),
                details -> details.status() == TopologyStatus.ACTIVE && details.workers() == 2
                        && details.bolts().get(0).executors() == 3);
        assertThat(rebalanced.workerProcesses()).hasSize(2);

        assertThatThrownBy(() -> topologies.kill(name, 2)).isInstanceOfSatisfying(StormException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StormException.INVALID_REQUEST));
        assertThatThrownBy(() -> topologies.rebalance(name, new RebalanceRequest(1, null, Map.of("nope", 2))))
                .isInstanceOfSatisfying(StormException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StormException.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("nope");
                });
        assertThatThrownBy(() -> topologies.details("no-such-topology")).isInstanceOfSatisfying(StormException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StormException.UNKNOWN_TOPOLOGY));
        assertThatThrownBy(() -> topologies.activate("../etc")).isInstanceOfSatisfying(StormException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StormException.INVALID_REQUEST));

        long killedAt = System.nanoTime();
        topologies.kill(name);
        assertThat(summary(name).status()).isEqualTo(TopologyStatus.KILLED);
        Await.until("removed after the kill wait", DEADLINE, () -> summary(name), found -> found == null);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("not before the 5 s wait")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    @Order(2)
    void deploysRedeploysOnChangeAndUndeploysAProvider() throws Exception {
        String name = "it-provider";
        ProviderDeployer deployer = new ProviderDeployer(deployment, settings, Executors.newSingleThreadScheduledExecutor());
        try {
            TestRegistration first = new TestRegistration(1, provider(name, NumbersTopology.build(1, 1),
                    Map.of("app.version", 1, NumbersTopology.PROGRESS_DIRECTORY, progress.toString())));
            deployer.offer(first);
            RunningTopology deployed = Await.until("deployed", DEADLINE, () -> deployment.running(name).orElse(null),
                    running -> running != null);
            assertThat(deployed.fingerprint()).isEqualTo(first.prepare().fingerprint());
            assertThat(deployed.owner()).isEqualTo("bundle:it-tests");
            // A LocalCluster halts its JVM when a worker starts for a topology killed meanwhile: let it start.
            awaitEmitting(name);

            long runs = deployer.runs();
            deployer.offer(first);
            Await.until("the unchanged provider reconciled", DEADLINE, deployer::runs, done -> done > runs);
            assertThat(deployment.running(name)).get().extracting(RunningTopology::id).isEqualTo(deployed.id());

            // Watch the name while it is redeployed: one deployment at a time, and never a refused submit.
            Set<String> ids = ConcurrentHashMap.newKeySet();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    try {
                        List<TopologySummary> named = topologies.list().stream()
                                .filter(summary -> summary.name().equals(name)).toList();
                        mostAtOnce.accumulateAndGet(named.size(), Math::max);
                        named.forEach(summary -> ids.add(summary.id()));
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // A listing that met the gateway busy elsewhere: the next one counts.
                    }
                }
            });
            watcher.start();
            TestRegistration changed = new TestRegistration(1, provider(name, NumbersTopology.build(1, 1),
                    Map.of("app.version", 2, NumbersTopology.PROGRESS_DIRECTORY, progress.toString())));
            deployer.offer(changed);
            RunningTopology redeployed = Await.until("redeployed", DEADLINE,
                    () -> deployment.running(name).orElse(null),
                    running -> running != null && !running.id().equals(deployed.id()) && !running.dying());
            // The watcher lists every 100 ms: let it see the new deployment before it stops.
            Await.until("the watcher seeing the redeployment", DEADLINE, () -> ids.contains(redeployed.id()),
                    seen -> seen);
            watching.set(false);
            watcher.join();
            assertThat(redeployed.fingerprint()).isEqualTo(changed.prepare().fingerprint());
            assertThat(deployer.failures()).as("failed reconciliations (a refused submit would be one)").isZero();
            assertThat(mostAtOnce.get()).isEqualTo(1);
            assertThat(ids).containsExactlyInAnyOrder(deployed.id(), redeployed.id());

            awaitEmitting(name);

            // Killed by an operator, outside the deployer: the periodic reconciliation submits it again
            // once Nimbus has forgotten it.
            topologies.kill(name, 5);
            RunningTopology resubmitted = Await.until("resubmitted after an operator's kill", DEADLINE,
                    () -> deployment.running(name).orElse(null),
                    running -> running != null && !running.id().equals(redeployed.id()) && !running.dying());
            assertThat(resubmitted.fingerprint()).isEqualTo(changed.prepare().fingerprint());
            assertThat(deployer.failures()).as("no failed reconciliation while it was dying").isZero();

            awaitEmitting(name);
            deployer.withdraw(changed);
            Await.until("undeployed", DEADLINE, () -> deployment.running(name), Optional::isEmpty);
            assertThat(deployer.failures()).isZero();
        } finally {
            deployer.close();
        }
    }

    @Test
    @Order(3)
    void reconnectsAfterNimbusIsKilledAndStartedAgain() throws Exception {
        ClusterHealthCheckProbe health = new ClusterHealthCheckProbe(gateway);
        assertThat(health.check().up()).isTrue();
        assertThat(topologies.list()).as("listing works before the kill").isNotNull();

        nimbus.kill();
        assertThatThrownBy(() -> topologies.list()).isInstanceOfSatisfying(StormException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StormException.NIMBUS_UNAVAILABLE);
            assertThat(e.getCause()).as("Storm's cause kept").isNotNull();
        });
        StormClusterStatus down = health.check();
        assertThat(down.up()).isFalse();
        assertThat(down.error()).contains("127.0.0.1");

        nimbus = LocalNimbusProcess.start(port);
        assertThat(topologies.list()).isEmpty();
        assertThat(health.check().leader()).isEqualTo("127.0.0.1:" + port);
    }

    /** Waits until the spout of the current deployment of {@code name} wrote progress, and returns its details. */
    private TopologyDetails awaitEmitting(String name) throws Exception {
        Files.deleteIfExists(progress.resolve(name + ".emitted"));
        Await.until(name + " emitting", DEADLINE, () -> NumbersTopology.NumbersSpout.emitted(progress, name),
                emitted -> emitted > 0);
        return topologies.details(name);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private TopologySummary summary(String name) {
        return topologies.list().stream().filter(summary -> summary.name().equals(name)).findFirst().orElse(null);
    }

    private PreparedTopology prepare(TopologyProvider provider) {
        return TopologyPreparation.prepare(provider, "bundle:it-tests", new TopologyPreparation.JarSources() {
            @Override
            public Path registeringBundleJar() {
                return jar;
            }

            @Override
            public Path fetch(URI uri) {
                throw new UnsupportedOperationException();
            }
        });
    }

    private static TopologyProvider provider(String name, StormTopology topology, Map<String, Object> configuration) {
        return new TopologyProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StormTopology topology() {
                return topology;
            }

            @Override
            public Map<String, Object> configuration() {
                return configuration;
            }
        };
    }

    private final class TestRegistration implements ProviderDeployer.Registration {
        private final long id;
        private final TopologyProvider provider;

        TestRegistration(long id, TopologyProvider provider) {
            this.id = id;
            this.provider = provider;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String name() {
            return provider.name();
        }

        @Override
        public String owner() {
            return "bundle:it-tests";
        }

        @Override
        public PreparedTopology prepare() {
            return NimbusIntegrationTest.this.prepare(provider);
        }
    }

    /** LocalCluster's workers load the classes from its classpath; Nimbus still wants a jar uploaded. */
    private static Path topologyJar(Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jarFile = new JarOutputStream(out)) {
            jarFile.putNextEntry(new ZipEntry("it-topology.txt"));
            jarFile.write("classes come from the local Nimbus' classpath".getBytes());
            jarFile.closeEntry();
        }
        return path;
    }

    private static StormConnection connection(NimbusGateway gateway) {
        return new StormConnection() {
            @Override
            public NimbusGateway gateway() {
                return gateway;
            }

            @Override
            public StormClusterStatus clusterStatus() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
