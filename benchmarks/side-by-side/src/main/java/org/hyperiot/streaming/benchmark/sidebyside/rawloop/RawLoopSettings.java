package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.time.Duration;

/** What one run of the raw loop does, from its command line. */
record RawLoopSettings(String bootstrapServers, String group, String inputTopic, String outputTopic,
        String topology, boolean exactlyOnce, int threads, Duration commitInterval,
        String compression) {
}
