package org.hyperiot.streaming.localstorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StormSettingsTest {

    @Test
    void defaultsGiveLoopbackDaemonsTwoSlotsAndSmallWorkers() {
        StormSettings settings = StormSettings.parse(List.of("--home", "/srv/node/storm"));

        Map<String, Object> conf = settings.clusterConfig();

        assertThat(conf).containsEntry("storm.zookeeper.servers", List.of("127.0.0.1"))
                .containsEntry("storm.zookeeper.port", 6626)
                .containsEntry("nimbus.seeds", List.of("127.0.0.1"))
                .containsEntry("nimbus.thrift.port", 6627)
                .containsEntry("supervisor.thrift.port", 6628)
                .containsEntry("supervisor.slots.ports", List.of(6700, 6701))
                .containsEntry("storm.local.hostname", "127.0.0.1")
                .containsEntry("storm.local.dir", "/srv/node/storm/data")
                .containsEntry("storm.log.dir", "/srv/node/storm/logs")
                .containsEntry("nimbus.thrift.transport", LoopbackTransportPlugin.class.getName())
                .containsEntry("supervisor.thrift.transport", LoopbackTransportPlugin.class.getName())
                .containsEntry("storm.messaging.transport", LoopbackNettyContext.class.getName())
                .containsEntry("worker.heap.memory.mb", 256)
                .containsEntry("topology.worker.max.heap.size.mb", 256.0);
        assertThat((String) conf.get("worker.childopts")).startsWith("-Xmx256m ").doesNotContain("%HEAP-MEM%");
        assertThat(settings.configFile()).isEqualTo(Path.of("/srv/node/storm/conf/storm.yaml"));
    }

    @Test
    void portsSlotsHeapAndOverridesComeFromTheCommandLine() {
        StormSettings settings = StormSettings.parse(List.of("--home", "storm", "--zookeeper-port", "12181",
                "--nimbus-port", "16627", "--supervisor-port", "16628", "--slots", "3", "--first-slot-port", "16700",
                "--worker-heap-mb", "512", "--override", "topology.message.timeout.secs=60",
                "--override", "nimbus.monitor.freq.secs=5", "--override", "topology.debug=true"));

        Map<String, Object> conf = settings.clusterConfig();

        assertThat(settings.home()).isAbsolute();
        assertThat(settings.home().getFileName()).hasToString("storm");
        assertThat(conf).containsEntry("storm.zookeeper.port", 12181)
                .containsEntry("nimbus.thrift.port", 16627)
                .containsEntry("supervisor.thrift.port", 16628)
                .containsEntry("supervisor.slots.ports", List.of(16700, 16701, 16702))
                .containsEntry("worker.heap.memory.mb", 512)
                .containsEntry("topology.message.timeout.secs", 60)
                .containsEntry("nimbus.monitor.freq.secs", 5)
                .containsEntry("topology.debug", true);
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> StormSettings.parse(List.of())).hasMessageContaining("--home is required");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--slots", "0")))
                .hasMessageContaining("--slots");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--nimbus-port", "6626")))
                .hasMessageContaining("must all differ");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--first-slot-port", "6627")))
                .hasMessageContaining("must all differ");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--first-slot-port", "65535")))
                .hasMessageContaining("not a port");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--worker-heap-mb", "lots")))
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--worker-heap-mb", "32")))
                .hasMessageContaining("at least 64");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--override", "novalue")))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home", "h", "--bind", "0.0.0.0")))
                .hasMessageContaining("unknown option --bind");
        assertThatThrownBy(() -> StormSettings.parse(List.of("--home")))
                .hasMessageContaining("missing value");
    }
}
