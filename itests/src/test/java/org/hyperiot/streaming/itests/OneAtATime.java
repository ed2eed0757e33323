package org.hyperiot.streaming.itests;

/**
 * JUnit category of the integration tests that run alone, after the others (which run two at a time):
 * kill matrices, tests against the embedded Storm, and tests that hold a node to a time bound. A second
 * Karaf booting beside them would move the figures they judge.
 */
public interface OneAtATime {
}
