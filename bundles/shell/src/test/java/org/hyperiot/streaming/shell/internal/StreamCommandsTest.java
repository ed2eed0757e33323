package org.hyperiot.streaming.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCommandsTest {

    private static final String TEMPERATURES = """
            {"name": "device-temp-avg", "description": "average temperature", "guarantee": "exactly-once",
             "source": {"topics": ["telemetry"], "eventTime": {"field": "ts"}},
             "pipeline": [{"op": "window", "type": "tumbling", "size": "10s", "aggregate": [{"fn": "count", "as": "n"}]}],
             "sink": {"topic": "temp-avg"}}""";

    @TempDir
    Path directory;

    private final InMemoryStreamManager manager = new InMemoryStreamManager();
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

    private void existing(String json) {
        manager.create(new StreamDefinitionReader().read(json));
        manager.calls.clear();
    }

    /** A shell session whose current directory is the test's directory. */
    private Session session() {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("currentDir") && args == null) {
                        return directory;
                    }
                    throw new UnsupportedOperationException("Session." + method.getName());
                });
    }

    private void create(String file, boolean start) {
        StreamCreateCommand command = new StreamCreateCommand();
        command.streams = manager;
        command.session = session();
        command.file = file;
        command.start = start;
        command.execute();
    }

    @Test
    void createReadsTheFileRelativeToTheShellsDirectory() throws Exception {
        Files.writeString(directory.resolve("temps.json"), TEMPERATURES);

        create("temps.json", false);

        assertThat(manager.calls).containsExactly("create device-temp-avg");
        assertThat(out()).contains("Created stream device-temp-avg");
        assertThat(err()).isEmpty();
    }

    @Test
    void createCanStartTheStream() throws Exception {
        Files.writeString(directory.resolve("temps.json"), TEMPERATURES);

        create("temps.json", true);

        assertThat(manager.calls).containsExactly("create device-temp-avg", "start device-temp-avg");
    }

    @Test
    void createPrintsEveryErrorWithItsPointerAndCreatesNothing() throws Exception {
        Files.writeString(directory.resolve("bad.json"), """
                {"name": "s", "colour": "red", "source": {"topics": ["in"]}, "sink": {"topic": "out"},
                 "pipeline": [{"op": "filter", "where": {"field": "temp"}}]}""");

        create("bad.json", true);

        assertThat(err()).contains("is not a valid stream definition", "  /colour: unknown field 'colour'",
                "  /pipeline/0/where: ");
        assertThat(manager.calls).isEmpty();
    }

    @Test
    void createExplainsMalformedJsonMissingFilesAndTakenNames() throws Exception {
        Files.writeString(directory.resolve("broken.json"), "{\"name\": ");
        create("broken.json", false);
        assertThat(err()).contains("broken.json is not valid JSON", "line 1");

        create("absent.json", false);
        assertThat(err()).contains("No such file: " + directory.resolve("absent.json"));

        existing(TEMPERATURES);
        Files.writeString(directory.resolve("temps.json"), TEMPERATURES);
        create(directory.resolve("temps.json").toString(), false);
        assertThat(err()).contains("A stream named 'device-temp-avg' exists already");
        assertThat(manager.calls).containsExactly("create device-temp-avg");
    }

    @Test
    void listShowsEveryStream() {
        existing(TEMPERATURES);
        manager.start("device-temp-avg");

        StreamListCommand command = new StreamListCommand();
        command.streams = manager;
        command.execute();

        assertThat(out()).contains("device-temp-avg", "RUNNING", "kafka", "exactly-once");
    }

    @Test
    void listSaysWhenThereAreNoStreams() {
        StreamListCommand command = new StreamListCommand();
        command.streams = manager;
        command.execute();

        assertThat(out()).contains("No streams");
    }

    @Test
    void infoShowsStatusTasksMetricsAndTheDefinition() {
        existing(TEMPERATURES);
        manager.start("device-temp-avg");

        StreamInfoCommand command = new StreamInfoCommand();
        command.streams = manager;
        command.name = "device-temp-avg";
        command.execute();

        assertThat(out()).contains("State          RUNNING", "telemetry-0", "Records in     1200 (40.5/s)",
                "Latency        p50 12.5 ms, p99 -", "Watermark      2023-11-14T22:13:30Z",
                "\"guarantee\" : \"exactly-once\"");
    }

    @Test
    void infoOfAnUnknownStreamSaysSo() {
        StreamInfoCommand command = new StreamInfoCommand();
        command.streams = manager;
        command.name = "ghost";
        command.execute();

        assertThat(err()).contains("No stream named 'ghost'");
    }

    @Test
    void startStopAndRestartRequestAndShowTheState() {
        existing(TEMPERATURES);
        for (StreamControlCommand command : List.of(new StreamStartCommand(), new StreamStopCommand(),
                new StreamRestartCommand())) {
            command.streams = manager;
            command.name = "device-temp-avg";
            command.execute();
        }

        assertThat(manager.calls).containsExactly("start device-temp-avg", "stop device-temp-avg",
                "restart device-temp-avg");
        assertThat(out()).contains("Start requested for device-temp-avg; state now RUNNING",
                "Stop requested for device-temp-avg; state now STOPPED",
                "Restart requested for device-temp-avg; state now RUNNING");
    }

    @Test
    void deletePassesPurgeStateThrough() {
        existing(TEMPERATURES);
        existing("""
                {"name": "other", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""");

        StreamDeleteCommand keep = new StreamDeleteCommand();
        keep.streams = manager;
        keep.name = "other";
        keep.execute();
        StreamDeleteCommand purge = new StreamDeleteCommand();
        purge.streams = manager;
        purge.name = "device-temp-avg";
        purge.purgeState = true;
        purge.execute();

        assertThat(manager.calls).containsExactly("delete other purgeState=false", "delete device-temp-avg purgeState=true");
        assertThat(out()).contains("Deleted stream other (its state is kept)", "Deleted stream device-temp-avg and its state");
    }

    @Test
    void processorsListsKindAndBundle() {
        manager.processors.add(new ProcessorInfo("celsius-to-kelvin", ProcessorInfo.Kind.PROCESSOR,
                "com.example.telemetry", "1.2.0"));

        ProcessorsCommand command = new ProcessorsCommand();
        command.streams = manager;
        command.execute();

        assertThat(out()).contains("celsius-to-kelvin", "processor", "com.example.telemetry", "1.2.0");
    }

    @Test
    void theCompleterOffersTheMatchingStreamNames() {
        existing(TEMPERATURES);
        existing("""
                {"name": "dev-copy", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""");
        existing("""
                {"name": "other", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""");
        CommandLine line = (CommandLine) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandLine.class}, (proxy, method, args) -> switch (method.getName()) {
                    // The user typed "streaming:info dev" and pressed Tab.
                    case "getCursorArgument" -> "dev";
                    case "getArgumentPosition" -> 3;
                    case "getBufferPosition" -> "streaming:info dev".length();
                    default -> throw new UnsupportedOperationException("CommandLine." + method.getName());
                });

        StreamNameCompleter completer = new StreamNameCompleter();
        completer.streams = manager;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);

        assertThat(candidates).extracting(String::trim).containsExactlyInAnyOrder("device-temp-avg", "dev-copy");
    }
}
