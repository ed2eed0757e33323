package org.hyperiot.streaming.benchmark.sidebyside.storm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContestantOptionsTest {

    static final List<String> COMPLETE = List.of(
            "--nimbus", "127.0.0.1:36627",
            "--topology-name", "storm-stateless-alo",
            "--bootstrap", "127.0.0.1:39392",
            "--group", "storm-stateless-alo",
            "--input", "readings",
            "--output", "results",
            "--parallelism", "2",
            "--commit-interval-ms", "100",
            "--max-spout-pending", "20000",
            "--compression", "lz4");

    static ContestantOptions complete() {
        return ContestantOptions.parse(COMPLETE.toArray(String[]::new));
    }

    private static String[] replacing(String name, String value) {
        List<String> args = new ArrayList<>(COMPLETE);
        args.set(args.indexOf(name) + 1, value);
        return args.toArray(String[]::new);
    }

    @Test
    void aCompleteCommandLineIsUnderstood() {
        assertThat(complete()).isEqualTo(new ContestantOptions("127.0.0.1", 36627, "storm-stateless-alo",
                "127.0.0.1:39392", "storm-stateless-alo", "readings", "results", 2, 100, 20_000, "lz4"));
    }

    @Test
    void refusesWhatStormOrTheBenchmarkCouldNotUse() {
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--nimbus", "127.0.0.1")))
                .hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--topology-name", "a.b")))
                .hasMessageContaining("--topology-name");
        assertThatThrownBy(() -> ContestantOptions.parse(replacing("--parallelism", "0")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ContestantOptions.parse(COMPLETE.subList(0, 4).toArray(String[]::new)))
                .hasMessageStartingWith("missing argument: --bootstrap");
        List<String> repeated = new ArrayList<>(COMPLETE);
        repeated.addAll(List.of("--group", "other"));
        assertThatThrownBy(() -> ContestantOptions.parse(repeated.toArray(String[]::new)))
                .hasMessage("repeated argument: --group");
        List<String> unknown = new ArrayList<>(COMPLETE);
        unknown.addAll(List.of("--guarantee", "exactly-once"));
        assertThatThrownBy(() -> ContestantOptions.parse(unknown.toArray(String[]::new)))
                .hasMessage("unknown argument: --guarantee");
    }
}
