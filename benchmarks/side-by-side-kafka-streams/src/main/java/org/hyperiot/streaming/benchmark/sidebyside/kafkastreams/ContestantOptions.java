package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.StreamsConfig;

/**
 * The contestant's command line, as the side-by-side orchestrator passes it.
 *
 * @param bootstrapServers the broker, {@code HOST:PORT}
 * @param applicationId    the Kafka Streams application id (consumer group, internal topic prefix)
 * @param inputTopics      the topics of readings, read as one stream ({@code --input a,b})
 * @param outputTopic      the topic for the results
 * @param topology         which topology to run
 * @param guarantee        the processing guarantee
 * @param threads          the number of stream threads
 * @param commitIntervalMs how often tasks commit, in milliseconds
 * @param stateDir         the directory for local state
 * @param properties       extra StreamsConfig entries from {@code --property key=value}, in command-line
 *                         order; they override everything else
 */
public record ContestantOptions(
        String bootstrapServers,
        String applicationId,
        List<String> inputTopics,
        String outputTopic,
        TopologyName topology,
        Guarantee guarantee,
        int threads,
        long commitIntervalMs,
        String stateDir,
        Map<String, String> properties) {

    /** How to call the contestant, printed when the command line is wrong. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar kafka-streams-app.jar --bootstrap HOST:PORT --application-id ID",
            "           --input TOPIC[,TOPIC...] --output TOPIC --topology stateless|windowed|windowed-by-site",
            "           --guarantee at-least-once|exactly-once --threads N --commit-interval-ms MS",
            "           --state-dir DIR [--property key=value]...");

    private static final String PROPERTY = "--property";
    private static final String[] REQUIRED = {
        "--bootstrap", "--application-id", "--input", "--output", "--topology",
        "--guarantee", "--threads", "--commit-interval-ms", "--state-dir"
    };

    /** The topologies of the benchmark, by their command-line names. */
    public enum TopologyName {
        /** Filter and project; see {@link TelemetryTopologies#stateless}. */
        STATELESS("stateless"),
        /** Tumbling-window average per device; see {@link TelemetryTopologies#windowed}. */
        WINDOWED("windowed"),
        /** Tumbling-window average per site, through a repartition; see {@link TelemetryTopologies#windowedBySite}. */
        WINDOWED_BY_SITE("windowed-by-site");

        private final String argument;

        TopologyName(String argument) {
            this.argument = argument;
        }

        static TopologyName fromArgument(String argument) {
            return Arrays.stream(values())
                    .filter(name -> name.argument.equals(argument))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown topology: " + argument));
        }
    }

    /** The processing guarantees, by their command-line names. */
    public enum Guarantee {
        /** {@value StreamsConfig#AT_LEAST_ONCE}. */
        AT_LEAST_ONCE("at-least-once", StreamsConfig.AT_LEAST_ONCE),
        /** {@value StreamsConfig#EXACTLY_ONCE_V2}: transactions, read_committed downstream. */
        EXACTLY_ONCE("exactly-once", StreamsConfig.EXACTLY_ONCE_V2);

        private final String argument;
        private final String processingGuarantee;

        Guarantee(String argument, String processingGuarantee) {
            this.argument = argument;
            this.processingGuarantee = processingGuarantee;
        }

        /**
         * Returns the value of {@code processing.guarantee} for this guarantee.
         *
         * @return {@code at_least_once} or {@code exactly_once_v2}
         */
        public String processingGuarantee() {
            return processingGuarantee;
        }

        static Guarantee fromArgument(String argument) {
            return Arrays.stream(values())
                    .filter(guarantee -> guarantee.argument.equals(argument))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown guarantee: " + argument));
        }
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments, as {@code --name value} pairs
     * @return the options
     * @throws IllegalArgumentException naming the first unknown, repeated, missing or malformed
     *                                  argument
     */
    public static ContestantOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.equals(PROPERTY) && !Arrays.asList(REQUIRED).contains(name)) {
                throw new IllegalArgumentException("unknown argument: " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[i + 1];
            if (name.equals(PROPERTY)) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--property takes key=value, not " + value);
                }
                properties.put(value.substring(0, equals), value.substring(equals + 1));
            } else if (values.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("repeated argument: " + name);
            }
        }
        String missing = Arrays.stream(REQUIRED)
                .filter(name -> !values.containsKey(name))
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing argument: " + missing);
        }
        TopologyName topology = TopologyName.fromArgument(values.get("--topology"));
        List<String> inputTopics = topics(values.get("--input"));
        if (inputTopics.size() > 1 && topology != TopologyName.WINDOWED_BY_SITE) {
            throw new IllegalArgumentException(topology.argument + " reads one input topic, not " + inputTopics);
        }
        return new ContestantOptions(
                values.get("--bootstrap"),
                values.get("--application-id"),
                inputTopics,
                values.get("--output"),
                topology,
                Guarantee.fromArgument(values.get("--guarantee")),
                (int) positive("--threads", values.get("--threads")),
                positive("--commit-interval-ms", values.get("--commit-interval-ms")),
                values.get("--state-dir"),
                Collections.unmodifiableMap(properties));
    }

    private static List<String> topics(String value) {
        List<String> topics = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (topics.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--input takes topic names separated by commas, not " + value);
        }
        return topics;
    }

    private static long positive(String name, String value) {
        long number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + value);
        }
        if (number < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return number;
    }
}
