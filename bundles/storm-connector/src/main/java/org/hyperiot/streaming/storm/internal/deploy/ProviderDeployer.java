package org.hyperiot.streaming.storm.internal.deploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.storm.internal.ConnectorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Nimbus in line with the registered topology providers, one topology name at a time, on one
 * thread. Each event (a provider registered, changed or gone) schedules a reconciliation of its
 * name, which reads what is wanted now and what Nimbus runs now and acts on the difference
 * ({@link DeploymentPlan}); so a burst of events, such as a bundle being refreshed, ends in one
 * decision on the final state. A redeployment kills the old topology with the configured wait,
 * waits until Nimbus has forgotten its name (polling with a deadline), then submits: there is never
 * a second copy and never an {@code AlreadyAliveException} to race into.
 *
 * <p>Besides events, every name is reconciled each {@code reconcile.interval.seconds}: what Nimbus
 * runs may change without OSGi knowing (a topology killed with {@code storm kill} or over the REST
 * API, a cluster whose state was wiped), and the providers registered are what should run, so a
 * provider's topology killed outside the platform is submitted again.
 *
 * <p>Failures that may pass (Nimbus unreachable, the name still taken) are retried with back-off up
 * to a minute; failures only a new provider can fix (an invalid topology or configuration) are not.
 * Each is logged once, not at every attempt.
 */
public final class ProviderDeployer implements AutoCloseable {

    /** A registered provider, as the deployer sees it. */
    public interface Registration {

        /** Tells registrations apart (the service id). */
        long id();

        /** The topology name, read when the provider was registered. */
        String name();

        /** The owner its topology will be recorded with. */
        String owner();

        /** Reads the provider into what to submit; a {@link StormException} says what is wrong with it. */
        PreparedTopology prepare();
    }

    /** How long a name without provider waits before its topology is killed: a refreshed bundle comes back in that time. */
    static final Duration UNDEPLOY_GRACE = Duration.ofSeconds(5);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ProviderDeployer.class);
    private static final Set<String> PASSING = Set.of(StormException.NIMBUS_UNAVAILABLE,
            StormException.ALREADY_ALIVE, StormException.STORM_ERROR, StormException.INTERRUPTED);

    private final NimbusDeployment nimbus;
    private final ConnectorSettings settings;
    private final ScheduledExecutorService executor;

    // Guarded by this: what the registry holds, changed on the callers' threads.
    private final Map<String, List<Registration>> wanted = new HashMap<>();
    private final Map<String, String> formerOwners = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();
    private boolean closed;

    // Used on the executor thread only.
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, String> reported = new HashMap<>();
    private final Map<String, String> credentialsUploaded = new HashMap<>();

    // Counters for tests and diagnostics.
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** @param executor a single thread, owned by the deployer from now on */
    public ProviderDeployer(NimbusDeployment nimbus, ConnectorSettings settings, ScheduledExecutorService executor) {
        this.nimbus = nimbus;
        this.settings = settings;
        this.executor = executor;
        long period = settings.reconcileInterval().toMillis();
        executor.scheduleWithFixedDelay(this::reconcileAll, period, period, TimeUnit.MILLISECONDS);
    }

    /** Schedules every registered name for a reconciliation now (names already due keep their turn). */
    private synchronized void reconcileAll() {
        wanted.keySet().forEach(name -> schedule(name, Duration.ZERO));
    }

    /** A provider registered or changed: its topology gets (re)deployed if it differs from what runs. */
    public synchronized void offer(Registration registration) {
        List<Registration> registrations = wanted.computeIfAbsent(registration.name(), name -> new ArrayList<>());
        registrations.removeIf(existing -> existing.id() == registration.id());
        registrations.add(registration);
        registrations.sort((a, b) -> Long.compare(a.id(), b.id()));
        formerOwners.remove(registration.name());
        if (registrations.get(0).id() != registration.id()) {
            LOG.error("Topology provider {} (service {}) wants topology name {}, which provider service {} has; "
                    + "it is deployed only if that one goes away", registration.owner(), registration.id(),
                    registration.name(), registrations.get(0).id());
        }
        schedule(registration.name(), Duration.ZERO);
    }

    /**
     * A provider went away: its topology is killed after a short grace (or kept, per configuration),
     * unless another provider of that name is registered by then.
     */
    public synchronized void withdraw(Registration registration) {
        if (remove(registration) && !wanted.containsKey(registration.name())) {
            formerOwners.put(registration.name(), registration.owner());
            schedule(registration.name(), UNDEPLOY_GRACE);
        }
    }

    /** A provider went away because Karaf is stopping: its topology keeps running. */
    public synchronized void forget(Registration registration) {
        remove(registration);
    }

    private boolean remove(Registration registration) {
        List<Registration> registrations = wanted.get(registration.name());
        if (registrations == null || !registrations.removeIf(existing -> existing.id() == registration.id())) {
            return false;
        }
        if (registrations.isEmpty()) {
            wanted.remove(registration.name());
        } else {
            schedule(registration.name(), Duration.ZERO);
        }
        return true;
    }

    private synchronized void schedule(String name, Duration delay) {
        if (closed) {
            return;
        }
        ScheduledFuture<?> scheduled = pending.get(name);
        if (scheduled != null && !scheduled.isDone() && scheduled.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        pending.put(name, executor.schedule(() -> run(name), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void run(String name) {
        Registration registration;
        String formerOwner;
        synchronized (this) {
            pending.remove(name);
            List<Registration> registrations = wanted.get(name);
            registration = registrations == null ? null : registrations.get(0);
            formerOwner = formerOwners.get(name);
        }
        try {
            if (registration == null) {
                undeploy(name, formerOwner);
            } else {
                deploy(registration);
            }
            attempts.remove(name);
            if (reported.remove(name) != null) {
                LOG.info("Topology {}: the earlier failure is over", name);
            }
        } catch (StormException e) {
            failures.incrementAndGet();
            failed(name, e.errorCode(), e.getMessage(), PASSING.contains(e.errorCode()));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            failed(name, StormException.STORM_ERROR, e.toString(), false);
        } finally {
            runs.incrementAndGet();
        }
    }

    /** Reconciliations run so far, failed ones included. */
    long runs() {
        return runs.get();
    }

    /** Reconciliations that failed so far. */
    long failures() {
        return failures.get();
    }

    private void deploy(Registration registration) {
        String name = registration.name();
        PreparedTopology prepared = prepare(registration);
        Optional<RunningTopology> running = nimbus.running(name);
        DeploymentPlan.Action action = DeploymentPlan.decide(prepared.owner(), prepared.fingerprint(),
                running.orElse(null), null, settings.undeployOnUnregister());
        switch (action) {
            case NOTHING -> {
                if (!prepared.credentials().isEmpty()
                        && !credentialsHash(prepared).equals(credentialsUploaded.get(name))) {
                    nimbus.uploadCredentials(name, prepared.credentials());
                    credentialsUploaded.put(name, credentialsHash(prepared));
                    LOG.info("Topology {}: credentials uploaded", name);
                }
            }
            case SUBMIT -> {
                nimbus.submit(prepared);
                credentialsUploaded.put(name, credentialsHash(prepared));
                LOG.info("Topology {} deployed for {} (fingerprint {})", name, prepared.owner(), shortly(prepared));
            }
            case REDEPLOY -> {
                RunningTopology old = running.orElseThrow();
                if (!old.dying()) {
                    nimbus.kill(name, settings.killWaitSeconds());
                    LOG.info("Topology {} changed (fingerprint {} instead of {}): killed with a {} s wait, to be "
                            + "submitted again once Nimbus has removed it", name, shortly(prepared),
                            old.fingerprint() == null ? "none" : old.fingerprint().substring(0, 12),
                            settings.killWaitSeconds());
                }
                nimbus.awaitForgotten(name,
                        Duration.ofSeconds(settings.killWaitSeconds()).plus(settings.redeployTimeout()));
                nimbus.submit(prepared);
                credentialsUploaded.put(name, credentialsHash(prepared));
                LOG.info("Topology {} redeployed for {} (fingerprint {})", name, prepared.owner(), shortly(prepared));
            }
            case CONFLICT -> {
                RunningTopology other = running.orElseThrow();
                throw new StormException(StormException.ALREADY_ALIVE, "Topology name " + name + " is taken by "
                        + (other.owner() == null ? "a topology deployed outside the platform"
                                : "a topology of " + other.owner())
                        + "; the topology of " + prepared.owner() + " is deployed once that one is gone");
            }
            default -> throw new IllegalStateException("not a deployment: " + action);
        }
    }

    private PreparedTopology prepare(Registration registration) {
        try {
            return registration.prepare();
        } catch (StormException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StormException(StormException.INVALID_TOPOLOGY,
                    "Topology provider of " + registration.name() + " failed: " + e, e);
        }
    }

    private void undeploy(String name, String formerOwner) {
        Optional<RunningTopology> running = nimbus.running(name);
        DeploymentPlan.Action action = DeploymentPlan.decide(null, null, running.orElse(null), formerOwner,
                settings.undeployOnUnregister());
        if (action == DeploymentPlan.Action.KILL) {
            nimbus.kill(name, settings.killWaitSeconds());
            LOG.info("Topology {} killed with a {} s wait: its provider ({}) went away", name,
                    settings.killWaitSeconds(), formerOwner);
        } else if (action == DeploymentPlan.Action.KEEP) {
            LOG.info("Topology {} keeps running although its provider ({}) went away (undeploy.on.unregister=false)",
                    name, formerOwner);
        }
        synchronized (this) {
            if (!wanted.containsKey(name)) {
                formerOwners.remove(name);
            }
        }
        credentialsUploaded.remove(name);
    }

    private void failed(String name, String code, String message, boolean retry) {
        String line = code + ": " + message;
        if (!line.equals(reported.put(name, line))) {
            if (retry) {
                LOG.warn("Topology {} not in place yet ({}); trying again with back-off up to {} s", name, line,
                        LONGEST_RETRY.toSeconds());
            } else {
                LOG.error("Topology {} not deployed ({}); fix the provider and register it again", name, line);
            }
        }
        if (retry) {
            int attempt = attempts.merge(name, 1, Integer::sum);
            long delay = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10));
            schedule(name, Duration.ofMillis(delay));
        } else {
            attempts.remove(name);
        }
    }

    private static String credentialsHash(PreparedTopology prepared) {
        var digest = TopologyFingerprint.sha256();
        new TreeMap<>(prepared.credentials()).forEach((key, value) -> {
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(value.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String shortly(PreparedTopology prepared) {
        return prepared.fingerprint().substring(0, 12);
    }

    /** Stops deploying; a redeployment under way is interrupted and nothing more is done. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
