package org.hyperiot.streaming.benchmark.sidebyside.storm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.storm.Config;
import org.apache.storm.StormSubmitter;

/**
 * Submits the {@link TelemetryTopology} to a Storm cluster and exits, as {@code storm jar} runs a
 * topology's main class: in a JVM of its own, with Storm's client classpath and the topology jar named
 * by the {@code storm.jar} system property, which {@link StormSubmitter} uploads to Nimbus.
 *
 * <p>What the orchestrator sees: one line {@code SUBMITTED <name>} on stdout and exit status 0 once
 * Nimbus has accepted the topology; a line {@code FAILED <message>} on stderr and exit status 1 if it
 * did not; usage on stderr and exit status 2 for a wrong command line.
 */
public final class StormTopologyContestant {

    private StormTopologyContestant() {
    }

    /**
     * Submits the topology; see the class description for the command line and the exit statuses.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        ContestantOptions options;
        try {
            options = ContestantOptions.parse(args);
            if (System.getProperty("storm.jar") == null) {
                throw new IllegalArgumentException("-Dstorm.jar=<the topology jar> is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ContestantOptions.USAGE);
            System.exit(2);
            return;
        }
        Map<String, Object> configuration = new HashMap<>(TelemetryTopology.configuration(options));
        // Where Nimbus is, as `storm jar … -c nimbus.seeds=… -c nimbus.thrift.port=…` passes it.
        configuration.put(Config.NIMBUS_SEEDS, List.of(options.nimbusHost()));
        configuration.put(Config.NIMBUS_THRIFT_PORT, options.nimbusPort());
        try {
            StormSubmitter.submitTopology(options.topologyName(), configuration, TelemetryTopology.build(options));
        } catch (Exception e) {
            e.printStackTrace();
            // One line, so the orchestrator can read it as such.
            System.err.println("FAILED " + String.valueOf(e).replaceAll("\\s*\\R\\s*", " "));
            System.err.flush();
            System.exit(1);
            return;
        }
        System.out.println("SUBMITTED " + options.topologyName());
        System.out.flush();
        // Storm's client may leave non-daemon threads behind.
        System.exit(0);
    }
}
