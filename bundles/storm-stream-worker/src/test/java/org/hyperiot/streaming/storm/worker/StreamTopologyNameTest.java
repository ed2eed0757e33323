package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StreamTopologyNameTest {

    @Test
    void dotsAndUnderscoresAreWrittenSoThatStormTakesTheNameAndItReadsBack() {
        assertThat(StreamTopologyName.of("site-1.temp_avg")).isEqualTo("stream-site-1_tempUavg");
        assertThat(StreamTopologyName.streamOf("stream-site-1_tempUavg")).contains("site-1.temp_avg");
        assertThat(StreamTopologyName.of("a")).isEqualTo("stream-a");
    }

    @Test
    void namesThatAreNotAStreamsAreRefusedOrNotReadAsOne() {
        for (String invalid : new String[] {null, "", "Upper", ".dot", "-dash", "a/b", "x".repeat(64)}) {
            assertThatThrownBy(() -> StreamTopologyName.of(invalid)).isInstanceOf(IllegalArgumentException.class);
        }
        for (String other : new String[] {null, "stream-", "orders", "stream-_x", "stream-Ux", "stream-a.b", "stream-A"}) {
            assertThat(StreamTopologyName.streamOf(other)).as(other).isEmpty();
        }
    }

    @Property(tries = 1000)
    void everyStreamNameReadsBack(@ForAll @StringLength(min = 0, max = 62) @Chars({'.', '_', '-', 'a', 'z', 'q'})
            @NumericChars String rest) {
        String stream = "s" + rest;
        String topology = StreamTopologyName.of(stream);

        assertThat(topology).matches("[A-Za-z0-9][A-Za-z0-9_-]*").doesNotContain(".");
        assertThat(StreamTopologyName.streamOf(topology)).contains(stream);
    }
}
