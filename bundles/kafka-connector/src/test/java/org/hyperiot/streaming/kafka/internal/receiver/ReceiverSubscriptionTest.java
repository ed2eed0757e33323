package org.hyperiot.streaming.kafka.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

        assertThat(subscribe(first).groupId("microservices")).isEqualTo("hyperiot-receiver/microservices/c.Name/t/k1")
                .isEqualTo(subscribe(afterRestart).groupId("microservices"));
        assertThat(subscribe(Map.of("hyperiot.kafka.topic", "t", "component.name", "c.Name")).groupId("microservices"))
                .isEqualTo("hyperiot-receiver/microservices/c.Name/t");
        assertThat(subscribe(Map.of("hyperiot.kafka.topic", "other", "component.name", "c.Name")).groupId("microservices"))
                .as("the same component on another topic has offsets of its own")
                .isNotEqualTo(subscribe(Map.of("hyperiot.kafka.topic", "t", "component.name", "c.Name")).groupId("microservices"));
    }

    @Test
    void receiversWhoseNamesRunTogetherWithDashesGetDistinctGroups() {
        ReceiverSubscription first = new ReceiverSubscription("t", "t-k", "g");
        ReceiverSubscription second = new ReceiverSubscription("t", "k", "g-t");

        assertThat(first.legacyGroupId("microservices")).as("the old ids collide")
                .isEqualTo(second.legacyGroupId("microservices"));
        assertThat(first.groupId("microservices")).isEqualTo("hyperiot-receiver/microservices/g/t/t-k")
                .isNotEqualTo(second.groupId("microservices"));
        assertThat(second.groupId("microservices")).isEqualTo("hyperiot-receiver/microservices/g-t/t/k");
    }

    @Test
    void slashesPercentSignsAndControlCharactersAreEscapedSoThatNoPartCanPoseAsTwo() {
        ReceiverSubscription slashInKey = new ReceiverSubscription("t", "a/b", "g");
        ReceiverSubscription slashInName = new ReceiverSubscription("t", "b", "g/t/a");

        assertThat(slashInKey.groupId("l")).isEqualTo("hyperiot-receiver/l/g/t/a%2Fb");
        assertThat(slashInName.groupId("l")).isEqualTo("hyperiot-receiver/l/g%2Ft%2Fa/t/b");
        assertThat(new ReceiverSubscription("t", "50%2F", "g").groupId("l")).isEqualTo("hyperiot-receiver/l/g/t/50%252F");
        assertThat(new ReceiverSubscription("t", "line\nfeed\ttab", "g").groupId("l"))
                .isEqualTo("hyperiot-receiver/l/g/t/line%0Afeed%09tab");
        assertThat(new ReceiverSubscription("t", "città ok", "g").groupId("l"))
                .as("printable text stays readable").isEqualTo("hyperiot-receiver/l/g/t/città ok");
        assertThat(new ReceiverSubscription("t", "", "g").groupId("l"))
                .as("an empty key is a key").isEqualTo("hyperiot-receiver/l/g/t/")
                .isNotEqualTo(new ReceiverSubscription("t", null, "g").groupId("l"));
    }

    @Property(tries = 1000)
    void distinctSubscriptionsNeverShareAGroup(@ForAll("parts") String group, @ForAll("parts") String topic,
            @ForAll("keys") String key, @ForAll("parts") String otherGroup, @ForAll("parts") String otherTopic,
            @ForAll("keys") String otherKey) {
        ReceiverSubscription one = new ReceiverSubscription(topic, key, group);
        ReceiverSubscription other = new ReceiverSubscription(otherTopic, otherKey, otherGroup);
        Assume.that(!one.equals(other));

        assertThat(one.groupId("layer")).isNotEqualTo(other.groupId("layer"));
    }

    @Provide
    Arbitrary<String> parts() {
        // Few characters, so that distinct inputs often look alike once joined.
        return Arbitraries.strings().withChars('a', '-', '/', '%', '2', 'F', '.').ofMinLength(1).ofMaxLength(5);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars('a', '-', '/', '%', '2', 'F', '.').ofMaxLength(5).injectNull(0.2);
    }

    private static ReceiverSubscription subscribe(Map<String, ?> properties) {
        return ReceiverSubscription.from(properties, ReceiverSubscriptionTest.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
