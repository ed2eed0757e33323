package org.hyperiot.streaming.storm.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.storm.internal.StormClientLoader;
import org.hyperiot.streaming.storm.internal.StormConnection;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of {@link TopologyProvider} services: hands each provider that comes, changes or
 * goes to the {@link ProviderDeployer}. A provider's default jar is its bundle's content, written to
 * this bundle's data area. Providers that go away while Karaf stops are forgotten, not undeployed:
 * stopping a node must not kill the cluster's topologies.
 */
@Component(immediate = true, service = {})
public class TopologyDeployerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyDeployerComponent.class);

    private final BundleContext context;
    private final Path jars;
    private final ProviderDeployer deployer;
    private final Map<Long, Registration> registrations = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Activate
    public TopologyDeployerComponent(@Reference StormConnection connection, BundleContext context) {
        this.context = context;
        this.jars = context.getDataFile("topology-jars").toPath();
        this.deployer = new ProviderDeployer(new NimbusDeployment(connection.gateway(), Clock.systemUTC()),
                connection.gateway().settings(), Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "hyperiot-storm-deployer");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    @Reference(service = TopologyProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(TopologyProvider provider, ServiceReference<TopologyProvider> reference) {
        Registration registration = registration(provider, reference);
        if (registration != null) {
            Registration previous = registrations.put(registration.id(), registration);
            if (previous != null && !previous.name().equals(registration.name())) {
                // Renamed: the old name is withdrawn like an unregistered provider.
                deployer.withdraw(previous);
            }
            deployer.offer(registration);
        }
    }

    void updatedProvider(TopologyProvider provider, ServiceReference<TopologyProvider> reference) {
        addProvider(provider, reference);
    }

    void removeProvider(TopologyProvider provider, ServiceReference<TopologyProvider> reference) {
        Registration registration = registrations.remove((Long) reference.getProperty(Constants.SERVICE_ID));
        if (registration == null) {
            return;
        }
        if (stopping || frameworkStopping()) {
            deployer.forget(registration);
        } else {
            deployer.withdraw(registration);
        }
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        deployer.close();
    }

    private boolean frameworkStopping() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        return system == null || system.getState() == Bundle.STOPPING;
    }

    private Registration registration(TopologyProvider provider, ServiceReference<TopologyProvider> reference) {
        long id = (Long) reference.getProperty(Constants.SERVICE_ID);
        Bundle bundle = reference.getBundle();
        String owner;
        String name;
        try {
            name = provider.name();
            owner = provider.owner() != null ? provider.owner()
                    : "bundle:" + (bundle == null ? "unknown" : bundle.getSymbolicName());
        } catch (RuntimeException e) {
            LOG.error("Topology provider service {} cannot tell its name and owner; ignored", id, e);
            return null;
        }
        if (name == null) {
            LOG.error("Topology provider service {} ({}) has no name; ignored", id, owner);
            return null;
        }
        return new Registration(id, name, owner, provider, bundle);
    }

    /** A provider with what the deployer needs to read it later, on its own thread. */
    private final class Registration implements ProviderDeployer.Registration {

        private final long id;
        private final String name;
        private final String owner;
        private final TopologyProvider provider;
        private final Bundle bundle;

        Registration(long id, String name, String owner, TopologyProvider provider, Bundle bundle) {
            this.id = id;
            this.name = name;
            this.owner = owner;
            this.provider = provider;
            this.bundle = bundle;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public PreparedTopology prepare() {
            try {
                // Providers build their topology here, with Storm classes that need storm-client's loader.
                return StormClientLoader.call(() -> TopologyPreparation.prepare(provider, owner,
                        new TopologyPreparation.JarSources() {
                            @Override
                            public Path registeringBundleJar() throws IOException {
                                if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
                                    throw new IOException("the provider's bundle is gone");
                                }
                                return BundleJars.export(bundle, jars);
                            }

                            @Override
                            public Path fetch(URI jar) throws IOException {
                                return download(jar);
                            }
                        }));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Copies a jar named by a URL (such as {@code mvn:} inside Karaf) into the data area. */
    private Path download(URI jar) throws IOException {
        Files.createDirectories(jars);
        String key = HexFormat.of().formatHex(TopologyFingerprint.sha256()
                .digest(jar.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        Path target = jars.resolve("fetched-" + key + ".jar");
        Path partial = Files.createTempFile(jars, "fetched-", ".part");
        try {
            try (InputStream in = jar.toURL().openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }
}
