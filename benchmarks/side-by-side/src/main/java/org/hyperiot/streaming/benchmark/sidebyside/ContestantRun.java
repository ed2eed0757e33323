package org.hyperiot.streaming.benchmark.sidebyside;

/** One run of one contestant: the pipeline, the guarantee, and the topics it reads and writes. */
record ContestantRun(String name, Scenario scenario, Guarantee guarantee, String inputTopic, String outputTopic) {
}
