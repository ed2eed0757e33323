package org.hyperiot.streaming.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"__consumer_offsets", "__transaction_state", "hyperiot-streaming-definitions",
            "hyperiot-streaming-status", "hyperiot_layer_microservices", "hyperiot_layer_microservices_1",
            "hyperiot.layer.microservices", "hyperiot-stream-avg-changelog", "hyperiot-saga-log"})
    void topicsThatKafkaOrThePlatformOwnAreRefusedWithTheCode(String topic) {
        assertThat(SendCommand.refusal(topic)).startsWith("TOPIC_PROTECTED: '" + topic + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry", "temp-avg", "hyperiot-telemetry", "streaming-definitions", "_private"})
    void userTopicsPass(String topic) {
        assertThat(SendCommand.refusal(topic)).isNull();
    }
}
