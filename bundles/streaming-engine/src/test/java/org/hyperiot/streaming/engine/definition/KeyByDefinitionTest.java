package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.Repartitioning;
import org.junit.jupiter.api.Test;

/** {@code keyBy}'s repartition members: read, checked, written back, and what they decide. */
class KeyByDefinitionTest {

    private static String definition(String keyBy, boolean window) {
        String windowOperator = window
                ? ",{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"1s\",\"aggregate\":[{\"fn\":\"count\",\"as\":\"n\"}]}"
                : "";
        return """
                {"name":"s","source":{"topics":["in"]},"pipeline":[%s%s],"sink":{"topic":"out"}}"""
                .formatted(keyBy, windowOperator);
    }

    private static StreamDefinition read(String json) {
        return new StreamDefinitionReader().read(json);
    }

    @Test
    void aKeyByBeforeAWindowRepartitionsUnlessTheSourceIsPartitionedByIt() {
        StreamDefinition plain = read(definition("{\"op\":\"keyBy\",\"field\":\"site\"}", true));
        StreamDefinition wide = read(definition("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":12}", true));
        StreamDefinition declared = read(definition("{\"op\":\"keyBy\",\"field\":\"site\",\"sourcePartitioned\":true}", true));
        StreamDefinition noWindow = read(definition("{\"op\":\"keyBy\",\"field\":\"site\"}", false));

        assertThat(Repartitioning.required(plain)).isTrue();
        assertThat(Repartitioning.partitions(plain, 3)).isEqualTo(3);
        assertThat(Repartitioning.partitions(wide, 3)).isEqualTo(12);
        assertThat(Repartitioning.required(declared)).isFalse();
        assertThat(Repartitioning.required(noWindow)).isFalse();
        assertThat(declared.pipeline().get(0)).isEqualTo(new KeyByOperator("site", true, null));
    }

    @Test
    void theLastKeyByBeforeTheWindowDecides() {
        StreamDefinition definition = read(definition(
                "{\"op\":\"keyBy\",\"field\":\"a\"},{\"op\":\"keyBy\",\"field\":\"b\",\"sourcePartitioned\":true}", true));

        assertThat(Repartitioning.required(definition)).isFalse();
    }

    @Test
    void writtenBackOnlyWithTheMembersGiven() {
        StreamDefinitionWriter writer = new StreamDefinitionWriter();
        String plain = writer.write(read(definition("{\"op\":\"keyBy\",\"field\":\"site\"}", true)));
        String both = writer.write(read(definition("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":4}", true)));

        assertThat(plain).contains("{\"op\":\"keyBy\",\"field\":\"site\"}");
        assertThat(both).contains("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":4}");
        assertThat(read(both)).isEqualTo(read(definition("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":4}", true)));
    }

    @Test
    void badRepartitionMembersArePointedAt() {
        assertRefused("{\"op\":\"keyBy\",\"field\":\"site\",\"sourcePartitioned\":\"yes\"}", "/pipeline/0/sourcePartitioned");
        assertRefused("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":0}", "/pipeline/0/partitions");
        assertRefused("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":1001}", "/pipeline/0/partitions");
        assertRefused("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":4,\"sourcePartitioned\":true}",
                "/pipeline/0/partitions");
    }

    private static void assertRefused(String keyBy, String pointer) {
        assertThatThrownBy(() -> read(definition(keyBy, true)))
                .isInstanceOfSatisfying(InvalidStreamDefinitionException.class, e ->
                        assertThat(e.errors()).extracting(ValidationError::pointer).containsExactly(pointer));
    }
}
