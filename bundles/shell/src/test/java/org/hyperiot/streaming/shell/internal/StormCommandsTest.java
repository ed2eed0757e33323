package org.hyperiot.streaming.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.console.CommandLine;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.rest.internal.InMemoryTopologyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StormCommandsTest {

    private final InMemoryTopologyService storm = new InMemoryTopologyService()
            .deployed("device-temp-avg", "stream:device-temp-avg").deployed("example-relay", null);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeEach
    void captureOutput() {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    private String out() {
        return out.toString(UTF_8);
    }

    private String err() {
        return err.toString(UTF_8);
    }

    private <C extends TopologyControlCommand> C control(C command, String topology) {
        command.topologies = storm;
        command.topology = topology;
        return command;
    }

    @Test
    void listShowsEveryTopologyAndTheCluster() {
        StormListCommand list = new StormListCommand();
        list.topologies = storm;

        list.execute();

        assertThat(out()).contains("Name", "Status", "Owner", "device-temp-avg", "ACTIVE", "stream:device-temp-avg",
                "example-relay", "42s", "device-temp-avg-1-1795511523");
        assertThat(out()).contains("Nimbus 127.0.0.1:6627, 1 supervisor(s), 1 slot(s) used, 3 free");
        assertThat(out().indexOf("device-temp-avg")).isLessThan(out().indexOf("example-relay"));
        assertThat(err()).isEmpty();
    }

    @Test
    void listSaysWhyWhenNimbusDoesNotAnswer() {
        storm.failure = new StormException(StormException.NIMBUS_UNAVAILABLE, "No Nimbus leader answered at 127.0.0.1:6627");
        storm.cluster = new StormClusterStatus(false, null, null, List.of(), 0, "127.0.0.1", "down",
                InMemoryTopologyService.CHECKED);
        StormListCommand list = new StormListCommand();
        list.topologies = storm;

        list.execute();

        assertThat(err()).contains("No Nimbus leader answered at 127.0.0.1:6627 (NIMBUS_UNAVAILABLE)");
        assertThat(out()).isEmpty();
    }

    @Test
    void infoShowsComponentsWorkersAndLastErrors() {
        StormInfoCommand info = new StormInfoCommand();
        info.topologies = storm;
        info.topology = "device-temp-avg";

        info.execute();

        assertThat(out()).contains("Topology       device-temp-avg", "Status         ACTIVE",
                "Size           1 worker(s), 3 executor(s), 3 task(s)", "telemetry", "1190", "3.5 ms", "engine",
                "0.010", "6700", "engine=2,telemetry=1",
                "engine at 2026-12-06T10:00:00Z on 127.0.0.1:6700: java.lang.IllegalStateException: boom");
    }

    @Test
    void infoOfAnUnknownTopologySaysSo() {
        StormInfoCommand info = new StormInfoCommand();
        info.topologies = storm;
        info.topology = "nobody";

        info.execute();

        assertThat(err()).contains("nobody", "(UNKNOWN_TOPOLOGY)");
        assertThat(out()).isEmpty();
    }

    @Test
    void deactivateAndActivateTheTopology() {
        control(new StormDeactivateCommand(), "device-temp-avg").execute();
        control(new StormActivateCommand(), "device-temp-avg").execute();

        assertThat(storm.calls).containsExactly("deactivate device-temp-avg", "activate device-temp-avg");
        assertThat(out()).contains("Deactivation of device-temp-avg accepted", "Activation of device-temp-avg accepted");
    }

    @Test
    void rebalanceTakesStormsOwnOptions() {
        StormRebalanceCommand rebalance = control(new StormRebalanceCommand(), "device-temp-avg");
        rebalance.waitSeconds = 10;
        rebalance.workers = 2;
        rebalance.executors = List.of("engine=4", "telemetry=2");

        rebalance.execute();

        assertThat(storm.calls).containsExactly(
                "rebalance device-temp-avg wait=10 workers=2 executors={engine=4, telemetry=2}");
        assertThat(out()).contains("Rebalance of device-temp-avg accepted: after 10 s, to 2 worker(s), "
                + "executors {engine=4, telemetry=2}");
    }

    @Test
    void rebalanceWithoutOptionsLeavesTheDefaultsToTheConnector() {
        control(new StormRebalanceCommand(), "device-temp-avg").execute();

        assertThat(storm.calls).containsExactly("rebalance device-temp-avg wait=null workers=null executors={}");
        assertThat(out()).contains("after the connector's default wait");
    }

    @Test
    void rebalanceRefusesExecutorsItCannotRead() {
        StormRebalanceCommand rebalance = control(new StormRebalanceCommand(), "device-temp-avg");
        rebalance.executors = List.of("engine:4");

        rebalance.execute();

        assertThat(err()).contains("component=count", "'engine:4'");
        assertThat(storm.calls).isEmpty();
    }

    @Test
    void rebalanceOfAComponentTheTopologyLacksShowsStormsRefusal() {
        StormRebalanceCommand rebalance = control(new StormRebalanceCommand(), "device-temp-avg");
        rebalance.executors = List.of("enigne=4");

        rebalance.execute();

        assertThat(err()).contains("no component enigne", "(INVALID_REQUEST)");
    }

    @Test
    void killWaitsAsAskedOrTheConnectorsDefault() {
        StormKillCommand asked = control(new StormKillCommand(), "device-temp-avg");
        asked.waitSeconds = 30;
        asked.execute();
        control(new StormKillCommand(), "example-relay").execute();

        assertThat(storm.calls).containsExactly("kill device-temp-avg 30", "kill example-relay default");
        assertThat(out()).contains("Kill of device-temp-avg accepted: it is removed after 30 s",
                "Kill of example-relay accepted: it is removed after the connector's default wait");
    }

    @Test
    void aKillWaitUnderFiveSecondsIsRefused() {
        StormKillCommand kill = control(new StormKillCommand(), "device-temp-avg");
        kill.waitSeconds = 0;

        kill.execute();

        assertThat(err()).contains("(INVALID_REQUEST)");
        assertThat(storm.calls).isEmpty();
    }

    @Test
    void everyCommandIsInTheStormScopeAndCompletesTopologyNames() throws NoSuchFieldException {
        List<Class<?>> commands = List.of(StormListCommand.class, StormInfoCommand.class, StormActivateCommand.class,
                StormDeactivateCommand.class, StormRebalanceCommand.class, StormKillCommand.class);

        assertThat(commands).extracting(c -> c.getAnnotation(Command.class).scope()).containsOnly("storm");
        assertThat(commands).extracting(c -> c.getAnnotation(Command.class).name())
                .containsExactly("list", "info", "activate", "deactivate", "rebalance", "kill");
        for (Class<?> named : List.of(StormInfoCommand.class, TopologyControlCommand.class)) {
            var field = named.getDeclaredField("topology");
            assertThat(field.getAnnotation(Argument.class).required()).isTrue();
            assertThat(field.getAnnotation(Completion.class).value()).isEqualTo(TopologyNameCompleter.class);
        }
    }

    @Test
    void theCompleterOffersTheMatchingTopologyNames() {
        storm.deployed("other", null);
        CommandLine line = (CommandLine) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandLine.class}, (proxy, method, args) -> switch (method.getName()) {
                    // The user typed "storm:kill dev" and pressed Tab.
                    case "getCursorArgument" -> "dev";
                    case "getArgumentPosition" -> 3;
                    case "getBufferPosition" -> "storm:kill dev".length();
                    default -> throw new UnsupportedOperationException("CommandLine." + method.getName());
                });
        TopologyNameCompleter completer = new TopologyNameCompleter();
        completer.topologies = storm;

        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);

        assertThat(candidates).extracting(String::trim).containsExactly("device-temp-avg");
    }

    @Test
    void theCompleterOffersNothingWhileNimbusDoesNotAnswer() {
        storm.failure = new StormException(StormException.NIMBUS_UNAVAILABLE, "down");
        TopologyNameCompleter completer = new TopologyNameCompleter();
        completer.topologies = storm;
        List<String> candidates = new ArrayList<>();

        assertThat(completer.complete(null, null, candidates)).isEqualTo(-1);
        assertThat(candidates).isEmpty();
    }
}
