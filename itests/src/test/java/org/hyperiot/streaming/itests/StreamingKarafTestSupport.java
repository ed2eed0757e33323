package org.hyperiot.streaming.itests;

import javax.inject.Inject;

import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.util.Filter;

/**
 * Base of the Pax Exam tests: a stock Karaf with one of our features installed against the shared
 * test broker, and the connector services every test uses.
 */
public abstract class StreamingKarafTestSupport {

    @Inject
    @Filter(timeout = 120_000)
    protected KafkaConnector connector;

    @Inject
    @Filter(timeout = 120_000)
    protected KafkaTopicAdmin topicAdmin;

    /** Runs in the driver JVM: starts the broker before Karaf boots and points the connector at it. */
    @Configuration
    public Option[] configuration() {
        return KarafOptions.streamingKaraf(feature());
    }

    /** The feature under test. */
    protected String feature() {
        return "hyperiot-streaming";
    }
}
