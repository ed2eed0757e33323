package org.hyperiot.streaming.storm.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

class StormStreamStatusTest {

    private final AtomicReference<Object> listing = new AtomicReference<>(List.of());
    /** Only {@code list()} is asked for; every other call fails the test. */
    private final TopologyService topologies = (TopologyService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {TopologyService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("list")) {
                    throw new AssertionError("unexpected call " + method.getName());
                }
                if (listing.get() instanceof RuntimeException e) {
                    throw e;
                }
                return listing.get();
            });

    private final StreamTopologyProvider provider = new StreamTopologyProvider(StreamTopologyProvider.Deployment.of(
            new StreamDefinitionReader().read("""
                    {"name":"s.one","engine":"storm","source":{"topics":["in"]},"pipeline":[],"sink":{"topic":"out"}}"""),
            "{}", new WorkerKafkaSettings(java.util.Map.of(), java.util.Map.of()),
            new org.hyperiot.streaming.storm.worker.StreamTopology.Settings(10000, 1, null, 2000), PortableExtensions.none()),
            URI.create("file:/runtime.jar"));

    @Test
    void anActiveTopologyIsOneRunningTaskNamedByItsIdTheSameOnEveryNode() {
        listing.set(List.of(new TopologySummary("stream-s_one-3-1700000000", "stream-s_one", TopologyStatus.ACTIVE, 12,
                1, 4, 4, "stream:s.one")));

        List<TaskStatus> tasks = new StormStreamStatus(topologies).tasks(provider);

        assertThat(tasks).containsExactly(new TaskStatus("storm", "stream-s_one-3-1700000000", List.of(),
                StreamState.RUNNING, null));
    }

    @Test
    void untilNimbusListsItTheStreamWaitsAndSaysWhy() {
        assertThat(new StormStreamStatus(topologies).tasks(provider)).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(StreamState.WAITING);
            assertThat(task.lastError()).contains("stream-s_one is being deployed");
        });
        listing.set(new StormException(StormException.STORM_ERROR, "connection refused"));
        assertThat(new StormStreamStatus(topologies).tasks(provider)).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(StreamState.WAITING);
            assertThat(task.lastError()).contains("Storm is not reachable", "connection refused");
        });
    }

    @Test
    void aRefusedStreamFails() {
        assertThat(StormStreamStatus.refused("custom processor 'p'").state()).isEqualTo(StreamState.FAILED);
    }
}
