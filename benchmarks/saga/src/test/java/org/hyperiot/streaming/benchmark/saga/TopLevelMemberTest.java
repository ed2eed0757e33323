package org.hyperiot.streaming.benchmark.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TopLevelMemberTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsTheMemberAfterNestedOnesWithTheSameName() {
        byte[] value = json("{\"definition\":{\"state\":\"nested\",\"steps\":[{\"state\":\"x\"}]},\"state\":\"COMPLETED\"}");

        assertThat(TopLevelMember.text(value, "state")).isEqualTo("COMPLETED");
    }

    @Test
    void answersNullForWhatIsNotThere() {
        assertThat(TopLevelMember.text(null, "state")).isNull();
        assertThat(TopLevelMember.text(json("[1,2]"), "state")).isNull();
        assertThat(TopLevelMember.text(json("{\"state\":3}"), "state")).isNull();
        assertThat(TopLevelMember.text(json("not json"), "state")).isNull();
        assertThat(TopLevelMember.text(json("{\"other\":\"x\"}"), "state")).isNull();
    }
}
