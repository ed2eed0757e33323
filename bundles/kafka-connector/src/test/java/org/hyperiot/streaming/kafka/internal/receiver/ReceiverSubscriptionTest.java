package org.hyperiot.streaming.kafka.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReceiverSubscriptionTest {

    private static final String FILTER_SPECIAL_KEY = "a*(b)\\=";

    @Test
    void aKeyWithFilterSpecialCharactersMatchesItselfExactly() {
        ReceiverSubscription subscription = subscribe(Map.of("hyperiot.kafka.topic", "t",
                "hyperiot.kafka.key", FILTER_SPECIAL_KEY));

        assertThat(subscription.matches(utf8(FILTER_SPECIAL_KEY))).isTrue();
        assertThat(subscription.matches(utf8("a*(b)\\"))).isFalse();
        assertThat(subscription.matches(utf8("aX(b)\\="))).isFalse();
        assertThat(subscription.matches(utf8("a*(b)=")))
                .as("the backslash is a character of the key, not an escape").isFalse();
        assertThat(subscription.matches(utf8("anything"))).isFalse();
        assertThat(subscription.matches(null)).isFalse();
    }

    @Test
    void keysCompareAsUtf8() {
        ReceiverSubscription subscription = subscribe(Map.of("hyperiot.kafka.topic", "t", "hyperiot.kafka.key", "città"));

        assertThat(subscription.matches("città".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(subscription.matches("città".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
    }

    @Test
    void withoutAKeyPropertyEveryRecordMatchesEvenOnesWithoutKey() {
        ReceiverSubscription subscription = subscribe(Map.of("hyperiot.kafka.topic", "t"));

        assertThat(subscription.key()).isNull();
        assertThat(subscription.matches(utf8("k1"))).isTrue();
        assertThat(subscription.matches(null)).isTrue();
        assertThat(subscription.matches(new byte[0])).isTrue();
    }

    @Test
    void theTopicIsRequired() {
        assertThatThrownBy(() -> subscribe(Map.of("hyperiot.kafka.key", "k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hyperiot.kafka.topic");
        assertThatThrownBy(() -> subscribe(Map.of("hyperiot.kafka.topic", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hyperiot.kafka.topic");
    }

    @Test
    void singleValuedArraysAndListsAreAcceptedButNotSeveralTopics() {
        assertThat(subscribe(Map.of("hyperiot.kafka.topic", new String[] {"t"})).topic()).isEqualTo("t");
        assertThat(subscribe(Map.of("hyperiot.kafka.topic", List.of("t"))).topic()).isEqualTo("t");
        assertThatThrownBy(() -> subscribe(Map.of("hyperiot.kafka.topic", new String[] {"a", "b"})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscribe(Map.of("hyperiot.kafka.topic", 42)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGroupNameIsTheExplicitGroupThenThePidThenTheComponentNameThenTheClass() {
        Map<String, Object> properties = new HashMap<>(Map.of("hyperiot.kafka.topic", "t",
                "hyperiot.kafka.group", "billing", "service.pid", "pid.1", "component.name", "c.Name"));
        assertThat(subscribe(properties).groupName()).isEqualTo("billing");
        properties.remove("hyperiot.kafka.group");
        assertThat(subscribe(properties).groupName()).isEqualTo("pid.1");
        properties.remove("service.pid");
        assertThat(subscribe(properties).groupName()).isEqualTo("c.Name");
        properties.remove("component.name");
        assertThat(subscribe(properties).groupName()).isEqualTo(ReceiverSubscriptionTest.class.getName());
    }

    @Test
    void theGroupIdDependsOnlyOnStableProperties() {
        Map<String, Object> first = Map.of("hyperiot.kafka.topic", "t", "hyperiot.kafka.key", "k1",
                "component.name", "c.Name", "service.id", 12L);
        Map<String, Object> afterRestart = Map.of("hyperiot.kafka.topic", "t", "hyperiot.kafka.key", "k1",
                "component.name", "c.Name", "service.id", 97L);

        assertThat(subscribe(first).groupId("microservices")).isEqualTo("hyperiot-receiver-microservices-c.Name-t-k1")
                .isEqualTo(subscribe(afterRestart).groupId("microservices"));
        assertThat(subscribe(Map.of("hyperiot.kafka.topic", "t", "component.name", "c.Name")).groupId("microservices"))
                .isEqualTo("hyperiot-receiver-microservices-c.Name-t");
        assertThat(subscribe(Map.of("hyperiot.kafka.topic", "other", "component.name", "c.Name")).groupId("microservices"))
                .as("the same component on another topic has offsets of its own")
                .isNotEqualTo(subscribe(Map.of("hyperiot.kafka.topic", "t", "component.name", "c.Name")).groupId("microservices"));
    }

    private static ReceiverSubscription subscribe(Map<String, ?> properties) {
        return ReceiverSubscription.from(properties, ReceiverSubscriptionTest.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
