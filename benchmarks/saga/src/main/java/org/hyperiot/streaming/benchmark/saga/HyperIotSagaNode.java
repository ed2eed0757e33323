package org.hyperiot.streaming.benchmark.saga;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.benchmark.saga.report.SagaContestants;
import org.hyperiot.streaming.benchmark.sidebyside.DistributionNode;
import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/**
 * Our contestant: one node of the built distribution, started with {@code bin/streaming start} against
 * the benchmark's broker, with the benchmark's participants bundle in its {@code deploy/} folder (Karaf
 * installs it at start) and the benchmark's definition created over REST, as a user would.
 */
final class HyperIotSagaNode implements SagaContestant {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DistributionNode node;
    private final JsonNode definition;

    private HyperIotSagaNode(DistributionNode node, JsonNode definition) {
        this.node = node;
        this.definition = definition;
    }

    /**
     * Starts the node with {@code participantsBundle} deployed and creates the benchmark's saga
     * definition on it; {@code javaOptions} (may be blank) go to Karaf's JVM.
     */
    static HyperIotSagaNode start(Path distribution, Path home, String bootstrapServers, Path participantsBundle,
            String javaOptions) throws Exception {
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        Files.copy(participantsBundle, deploy.resolve(participantsBundle.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        DistributionNode node = DistributionNode.start(distribution, home, bootstrapServers, javaOptions);
        try {
            return new HyperIotSagaNode(node, createDefinition(node));
        } catch (Exception e) {
            node.close();
            throw e;
        }
    }

    /**
     * {@code POST /saga-definitions}, again while the coordinator is not there yet (503); returns the
     * definition as the node stored it.
     */
    private static JsonNode createDefinition(DistributionNode node) throws IOException, InterruptedException {
        String body = BenchmarkSaga.definition(JSON).toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            HttpResponse<String> response = node.request("POST", "/saga-definitions", body);
            if (response.statusCode() == 201) {
                return JSON.readTree(response.body());
            }
            if (response.statusCode() == 409) {
                return JSON.readTree(node.expect(200, "GET", "/saga-definitions/" + BenchmarkSaga.NAME, null));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("POST /saga-definitions answered " + response.statusCode() + ": "
                        + response.body());
            }
            Thread.sleep(1000);
        }
    }

    /** The definition as the node answered it. */
    JsonNode definition() {
        return definition;
    }

    @Override
    public Contestant contestant() {
        return SagaContestants.HYPERIOT;
    }

    @Override
    public ExchangeTopics topics() {
        return ExchangeTopics.HYPERIOT;
    }

    @Override
    public StartEvents starts() {
        return StartEvents.hyperIot(JSON, definition);
    }

    @Override
    public long pid() {
        return node.pid().orElse(-1);
    }

    @Override
    public Optional<String> failure() {
        long pid = pid();
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Optional.empty()
                : Optional.of("the node's JVM is gone");
    }

    @Override
    public void close() throws Exception {
        node.close();
    }
}
