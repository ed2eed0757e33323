package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class JsonInputLimitsTest {

    private static Problem refusal(String json) {
        ApiException refused = catchThrowableOfType(() -> JsonInputLimits.check(json.getBytes(StandardCharsets.UTF_8)),
                ApiException.class);
        assertThat(refused).as("refused: " + json.substring(0, Math.min(80, json.length()))).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().code()).isEqualTo("JSON_LIMIT_EXCEEDED");
        return refused.problem();
    }

    @Test
    void nestingUpToTheLimitPassesAndOneLevelMoreIsRefusedWithItsPointer() {
        int depth = JsonInputLimits.MAX_DEPTH;
        assertThatCode(() -> JsonInputLimits.check(("[".repeat(depth) + "]".repeat(depth)).getBytes()))
                .doesNotThrowAnyException();

        Problem problem = refusal("{\"pipeline\":[{\"op\":\"set\",\"value\":" + "[".repeat(depth) + "]".repeat(depth) + "}]}");
        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/pipeline/0/value" + "/0".repeat(depth - 3));
            assertThat(error.message()).isEqualTo("nesting deeper than 64 levels");
        });
    }

    @Test
    void fiveThousandNestedArraysInASetValueAreRefusedQuickly() {
        String body = "{\"name\":\"x\",\"pipeline\":[{\"op\":\"set\",\"field\":\"f\",\"value\":"
                + "[".repeat(5_000) + "]".repeat(5_000) + "}]}";
        long started = System.nanoTime();
        refusal(body);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aOneMegabyteIntegerIsRefusedWithoutBeingConverted() {
        long started = System.nanoTime();
        Problem problem = refusal("{\"parallelism\":" + "9".repeat(1_000_000) + "}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/parallelism");
            assertThat(error.message()).isEqualTo("a number longer than 1000 characters");
        });
        assertThatCode(() -> JsonInputLimits.check(("[" + "1".repeat(1_000) + ",-1.5e7]").getBytes()))
                .doesNotThrowAnyException();
    }

    @Test
    void longStringsAndNamesAreRefused() {
        assertThat(refusal("{\"description\":\"" + "x".repeat(JsonInputLimits.MAX_STRING_LENGTH + 1) + "\"}").detail())
                .isEqualTo("a string longer than 262144 characters at /description");
        assertThat(refusal("{\"a\":{\"" + "n".repeat(1_001) + "\":1}}").errors().get(0).pointer()).isEqualTo("/a");
        assertThatCode(() -> JsonInputLimits.check(("\"" + "x".repeat(JsonInputLimits.MAX_STRING_LENGTH) + "\"").getBytes()))
                .doesNotThrowAnyException();
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        assertThat(refusal("{\"a/b~c\":" + "9".repeat(1_001) + "}").errors().get(0).pointer()).isEqualTo("/a~1b~0c");
    }

    @Test
    void malformedJsonIsLeftToTheReaderThatFollows() {
        assertThatCode(() -> JsonInputLimits.check("{\"name\":".getBytes())).doesNotThrowAnyException();
        assertThatCode(() -> JsonInputLimits.check(new byte[] {'{', (byte) 0xC3, (byte) 0x28})).doesNotThrowAnyException();
        assertThatCode(() -> JsonInputLimits.check(new byte[0])).doesNotThrowAnyException();
    }
}
