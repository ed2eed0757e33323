package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.time.Duration;

import org.hyperiot.streaming.benchmark.sidebyside.Guarantee;

/** What one run of the raw loop does, from its command line. */
record RawLoopSettings(String bootstrapServers, String group, String inputTopic, String outputTopic,
        String topology, Guarantee guarantee, int threads, Duration commitInterval,
        String compression) {
}
