package org.hyperiot.streaming.benchmark.sidebyside.storm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The submitting program's command line, as the side-by-side orchestrator passes it.
 *
 * @param nimbusHost       the Nimbus to submit to
 * @param nimbusPort       its Thrift port
 * @param topologyName     the topology's name in the cluster
 * @param bootstrapServers the broker, {@code HOST:PORT}, as the workers reach it
 * @param group            the spout's consumer group, where it commits the offsets of acked records
 * @param inputTopic       the topic of readings
 * @param outputTopic      the topic for the projected readings
 * @param parallelism      executors of each component: the spout, the filter and the writer
 * @param commitIntervalMs how often the spout commits, in milliseconds
 * @param maxSpoutPending  tuples a spout task may have in flight ({@code topology.max.spout.pending})
 * @param compression      the writer's {@code compression.type}
 */
public record ContestantOptions(String nimbusHost, int nimbusPort, String topologyName, String bootstrapServers,
        String group, String inputTopic, String outputTopic, int parallelism, long commitIntervalMs,
        int maxSpoutPending, String compression) {

    /** How to call the program, printed when the command line is wrong. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -Dstorm.jar=storm-topology-app.jar -cp 'STORM/lib-worker/*:storm-topology-app.jar' \\",
            "           " + StormTopologyContestant.class.getName() + " --nimbus HOST:PORT --topology-name NAME",
            "           --bootstrap HOST:PORT --group GROUP --input TOPIC --output TOPIC --parallelism N",
            "           --commit-interval-ms MS --max-spout-pending N --compression TYPE");

    private static final String[] REQUIRED = {
        "--nimbus", "--topology-name", "--bootstrap", "--group", "--input", "--output", "--parallelism",
        "--commit-interval-ms", "--max-spout-pending", "--compression"
    };

    /**
     * Parses the command line.
     *
     * @param args the arguments, as {@code --name value} pairs
     * @return the options
     * @throws IllegalArgumentException naming the first unknown, repeated, missing or malformed argument
     */
    public static ContestantOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!Arrays.asList(REQUIRED).contains(name)) {
                throw new IllegalArgumentException("unknown argument: " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            if (values.putIfAbsent(name, args[i + 1]) != null) {
                throw new IllegalArgumentException("repeated argument: " + name);
            }
        }
        String missing = Arrays.stream(REQUIRED)
                .filter(name -> !values.containsKey(name))
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing argument: " + missing);
        }
        String nimbus = values.get("--nimbus");
        int colon = nimbus.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--nimbus takes HOST:PORT, not " + nimbus);
        }
        String topologyName = values.get("--topology-name");
        if (!topologyName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            // Storm refuses / . : \ in names; the platform's REST API takes letters, digits, _ and -.
            throw new IllegalArgumentException("--topology-name takes letters, digits, _ and -, not " + topologyName);
        }
        return new ContestantOptions(nimbus.substring(0, colon),
                (int) positive("--nimbus port", nimbus.substring(colon + 1)),
                topologyName,
                values.get("--bootstrap"),
                values.get("--group"),
                values.get("--input"),
                values.get("--output"),
                (int) positive("--parallelism", values.get("--parallelism")),
                positive("--commit-interval-ms", values.get("--commit-interval-ms")),
                (int) positive("--max-spout-pending", values.get("--max-spout-pending")),
                values.get("--compression"));
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
