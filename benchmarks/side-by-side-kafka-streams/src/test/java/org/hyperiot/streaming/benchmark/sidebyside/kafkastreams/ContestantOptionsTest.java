package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.benchmark.sidebyside.kafkastreams.ContestantOptions.Guarantee;
import org.hyperiot.streaming.benchmark.sidebyside.kafkastreams.ContestantOptions.TopologyName;
import org.junit.jupiter.api.Test;

class ContestantOptionsTest {

    static final List<String> COMPLETE = List.of(
            "--bootstrap", "127.0.0.1:39392",
            "--application-id", "contest-1",
            "--input", "readings",
            "--output", "results",
            "--topology", "windowed",
            "--guarantee", "exactly-once",
            "--threads", "2",
            "--commit-interval-ms", "100",
            "--state-dir", "state");

    private static String[] with(String... extra) {
        List<String> args = new ArrayList<>(COMPLETE);
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String[] replacing(String name, String value) {
        List<String> args = new ArrayList<>(COMPLETE);
        args.set(args.indexOf(name) + 1, value);
        return args.toArray(String[]::new);
    }

    @Test
    void aCompleteCommandLineIsUnderstood() {
        ContestantOptions options = ContestantOptions.parse(with());

        assertThat(options).isEqualTo(new ContestantOptions("127.0.0.1:39392", "contest-1", List.of("readings"), "results",
                TopologyName.WINDOWED, Guarantee.EXACTLY_ONCE, 2, 100L, "state", Map.of()));
    }

    @Test
    void theSiteTopologyReadsSeveralInputTopicsAsOneStream() {
        List<String> args = new ArrayList<>(List.of(replacing("--topology", "windowed-by-site")));
        args.set(args.indexOf("--input") + 1, "readings,closing");

        ContestantOptions options = ContestantOptions.parse(args.toArray(String[]::new));

        assertThat(options.topology()).isEqualTo(TopologyName.WINDOWED_BY_SITE);
        assertThat(options.inputTopics()).containsExactly("readings", "closing");
    }

    @Test
    void theOtherTopologiesReadExactlyOneInputTopic() {
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--input", "readings,closing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowed reads one input topic, not [readings, closing]");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--input", "readings,")))
                .hasMessageContaining("separated by commas");
    }

    @Test
    void propertiesAreCollectedAndTheLastOneWins() {
        ContestantOptions options = ContestantOptions.parse(
                with("--property", "linger.ms=5", "--property", "a.b=x=y", "--property", "linger.ms=10"));

        assertThat(options.properties()).containsExactly(Map.entry("linger.ms", "10"), Map.entry("a.b", "x=y"));
    }

    @Test
    void aMissingArgumentIsNamed() {
        List<String> args = new ArrayList<>(COMPLETE);
        args.subList(args.indexOf("--state-dir"), args.indexOf("--state-dir") + 2).clear();

        assertThatThrownBy(() -> ContestantOptions.parse(args.toArray(String[]::new)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing argument: --state-dir");
        assertThatThrownBy(ContestantOptions::parse)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("missing argument: --bootstrap, --application-id");
    }

    @Test
    void anUnknownArgumentIsNamed() {
        assertThatThrownBy(() -> ContestantOptions.parse(with("--partitions", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown argument: --partitions");
    }

    @Test
    void malformedValuesAreRejected() {
        assertThatThrownBy(() -> ContestantOptions.parse(with("--property")))
                .hasMessage("missing value for --property");
        assertThatThrownBy(() -> ContestantOptions.parse(with("--property", "linger.ms")))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> ContestantOptions.parse(with("--threads", "3")))
                .hasMessage("repeated argument: --threads");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--topology", "joined")))
                .hasMessage("unknown topology: joined");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--guarantee", "exactly_once_v2")))
                .hasMessage("unknown guarantee: exactly_once_v2");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--threads", "two")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--commit-interval-ms", "0")))
                .hasMessageContaining("at least 1");
    }
}
