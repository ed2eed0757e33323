package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of one contestant: the pipeline, the guarantee, and the topics it reads and writes.
 *
 * @param closingTopic where the benchmark writes the closing markers once the input is consumed, for a
 *                     contestant that needs them to close its last windows; null when the scenario has
 *                     none (see {@link TelemetryWorkload#writeClosingMarkers})
 */
record ContestantRun(String name, Scenario scenario, Guarantee guarantee, String inputTopic, String outputTopic,
        String closingTopic) {

    ContestantRun(String name, Scenario scenario, Guarantee guarantee, String inputTopic, String outputTopic) {
        this(name, scenario, guarantee, inputTopic, outputTopic, null);
    }

    /** The input topic, then the closing topic if the run has one. */
    List<String> inputAndClosingTopics() {
        List<String> topics = new ArrayList<>(List.of(inputTopic));
        if (closingTopic != null) {
            topics.add(closingTopic);
        }
        return topics;
    }
}
