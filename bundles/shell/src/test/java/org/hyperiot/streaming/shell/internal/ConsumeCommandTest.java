package org.hyperiot.streaming.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConsumeCommandTest {

    @Test
    void aRecordIsOneLineWithPartitionOffsetKeyAndValue() {
        assertThat(ConsumeCommand.line(1, 42, bytes("d1"), bytes("{\"temp\":21.5}")))
                .isEqualTo("1:42  d1  {\"temp\":21.5}");
    }

    @Test
    void controlCharactersCannotBreakTheLineOrTheTerminal() {
        assertThat(ConsumeCommand.line(0, 0, bytes("a\nb"), bytes("x\u001b[2Jy\tz")))
                .isEqualTo("0:0  a\\nb  x\\u001b[2Jy\\tz");
    }

    @Test
    void absentKeysAndValuesAreShownAsSuch() {
        assertThat(ConsumeCommand.line(0, 7, null, null)).isEqualTo("0:7  (null)  (null)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
