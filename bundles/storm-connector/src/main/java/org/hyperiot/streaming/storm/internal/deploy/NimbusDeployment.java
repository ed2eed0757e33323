package org.hyperiot.streaming.storm.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.storm.blobstore.BlobStoreAclHandler;
import org.apache.storm.generated.Credentials;
import org.apache.storm.generated.KeyNotFoundException;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.Nimbus;
import org.apache.storm.generated.NotAliveException;
import org.apache.storm.generated.SettableBlobMeta;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.generated.SubmitOptions;
import org.apache.storm.generated.TopologyInitialStatus;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.utils.Utils;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.storm.internal.NimbusGateway;
import org.hyperiot.streaming.storm.internal.TopologyConfiguration;
import org.hyperiot.streaming.storm.internal.TopologyNames;

/**
 * The Nimbus side of deploying: finding what runs under a name, submitting, killing and waiting
 * until Nimbus has forgotten a killed topology. Everything goes through the gateway, and nothing
 * through Storm's {@code StormSubmitter}, which reads the jar and dependency jars from global system
 * properties and submits the client's whole configuration.
 */
class NimbusDeployment {

    /** Below Nimbus' default Thrift frame limit (1 MiB), with room for the request around the chunk. */
    private static final int CHUNK_BYTES = 256 * 1024;

    /** How often (ms) a redeployment asks whether Nimbus has forgotten the killed topology. */
    static final long POLL_INTERVAL_MS = 250;

    private final NimbusGateway gateway;
    private final Clock clock;

    NimbusDeployment(NimbusGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /** What Nimbus knows under {@code name}, killed topologies still waiting included. */
    Optional<RunningTopology> running(String name) {
        List<TopologySummary> summaries = gateway.read("list topologies", nimbus -> nimbus.getTopologySummaries());
        Optional<TopologySummary> found = summaries.stream().filter(summary -> summary.get_name().equals(name))
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TopologySummary summary = found.get();
        Map<String, Object> configuration;
        try {
            configuration = Utils.parseJson(gateway.read("read the configuration of topology " + name,
                    nimbus -> nimbus.getTopologyConf(summary.get_id())));
        } catch (StormException e) {
            if (StormException.UNKNOWN_TOPOLOGY.equals(e.errorCode())) {
                return Optional.empty(); // gone between the two calls
            }
            throw e;
        }
        return Optional.of(new RunningTopology(summary.get_id(), name,
                org.hyperiot.streaming.api.storm.TopologyStatus.valueOf(summary.get_status()),
                text(configuration.get(TopologyConfiguration.OWNER_KEY)),
                text(configuration.get(TopologyConfiguration.FINGERPRINT_KEY))));
    }

    /** Uploads the jars and submits the topology, active. {@code ALREADY_ALIVE} if the name is taken. */
    void submit(PreparedTopology prepared) {
        String name = prepared.name();
        StormTopology topology = prepared.topology().deepCopy();
        List<TopologyJar> jars = prepared.jars();
        if (jars.size() > 1) {
            List<String> keys = new ArrayList<>();
            for (TopologyJar dependency : jars.subList(1, jars.size())) {
                keys.add(uploadDependency(name, dependency));
            }
            topology.set_dependency_jars(keys);
        }
        String location = gateway.write("upload the jar of topology " + name,
                nimbus -> uploadJar(nimbus, jars.get(0).path()));
        SubmitOptions options = new SubmitOptions(TopologyInitialStatus.ACTIVE);
        if (!prepared.credentials().isEmpty()) {
            options.set_creds(new Credentials(prepared.credentials()));
        }
        String json = TopologyConfiguration.toJson(prepared.configuration());
        gateway.write("submit topology " + name, nimbus -> {
            nimbus.submitTopologyWithOpts(name, location, json, topology, options);
            return null;
        });
    }

    /** Replaces the credentials of a running topology; its workers receive them without a restart. */
    void uploadCredentials(String name, Map<String, String> credentials) {
        gateway.write("upload new credentials of topology " + name, nimbus -> {
            nimbus.uploadNewCredentials(name, new Credentials(credentials));
            return null;
        });
    }

    /** Kills the topology with a wait; a topology already gone or being killed is fine. */
    void kill(String name, int waitSeconds) {
        KillOptions options = new KillOptions();
        options.set_wait_secs(waitSeconds);
        gateway.write("kill topology " + name, nimbus -> {
            try {
                nimbus.killTopologyWithOpts(name, options);
            } catch (NotAliveException e) {
                // Gone already: what a kill wants.
            }
            return null;
        });
    }

    /**
     * Waits until Nimbus no longer knows {@code name}, so that a new topology of that name can be
     * submitted. Asks Nimbus the same question its submission does (is the name free?), every
     * {@value #POLL_INTERVAL_MS} ms, until {@code timeout} has passed.
     *
     * @throws StormException {@code STORM_ERROR} when the deadline passed with the name still known
     */
    void awaitForgotten(String name, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            boolean free = gateway.read("ask whether topology name " + name + " is free",
                    nimbus -> nimbus.isTopologyNameAllowed(name));
            if (free) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new StormException(StormException.STORM_ERROR, "Nimbus still knows topology " + name + " "
                        + timeout.toSeconds() + " s after it was killed; the redeployment will be tried again");
            }
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StormException(StormException.INTERRUPTED,
                        "Interrupted while waiting for Nimbus to forget topology " + name, e);
            }
        }
    }

    private static String uploadJar(Nimbus.Iface nimbus, Path jar) throws Exception {
        String location = nimbus.beginFileUpload();
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buffer = new byte[CHUNK_BYTES];
            int read;
            while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                nimbus.uploadChunk(location, ByteBuffer.wrap(buffer, 0, read));
            }
        }
        nimbus.finishFileUpload(location);
        return location;
    }

    /** Uploads a dependency jar to the blob store unless a blob of its checksum is there already. */
    private String uploadDependency(String topologyName, TopologyJar jar) {
        String key = TopologyNames.dependencyBlobKey(topologyName, jar.sha256());
        gateway.write("upload dependency " + jar.path().getFileName() + " of topology " + topologyName, nimbus -> {
            try {
                nimbus.getBlobMeta(key);
                return null; // same key, same checksum: uploaded before
            } catch (KeyNotFoundException e) {
                // Not there yet: upload below.
            }
            SettableBlobMeta meta = new SettableBlobMeta(new ArrayList<>(BlobStoreAclHandler.WORLD_EVERYTHING));
            String session = nimbus.beginCreateBlob(key, meta);
            try (InputStream in = Files.newInputStream(jar.path())) {
                byte[] buffer = new byte[CHUNK_BYTES];
                int read;
                while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    nimbus.uploadBlobChunk(session, ByteBuffer.wrap(buffer, 0, read));
                }
                nimbus.finishBlobUpload(session);
            } catch (IOException | RuntimeException e) {
                nimbus.cancelBlobUpload(session);
                throw e;
            }
            return null;
        });
        return key;
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
