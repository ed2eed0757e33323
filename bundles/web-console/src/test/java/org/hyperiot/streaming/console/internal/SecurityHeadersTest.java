package org.hyperiot.streaming.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    /** The policy's directives by name. */
    private static Map<String, String> directives() {
        return Arrays.stream(SecurityHeaders.all().get("Content-Security-Policy").split(";"))
                .map(String::trim)
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.split(" ", 2)[1], (a, b) -> a + " " + b));
    }

    @Test
    void everythingComesFromTheNodeItself() {
        Map<String, String> directives = directives();
        assertThat(directives).containsEntry("default-src", "'self'")
                .containsEntry("script-src", "'self'")
                .containsEntry("connect-src", "'self'")
                .containsEntry("style-src", "'self'")
                .containsEntry("object-src", "'none'")
                .containsEntry("frame-ancestors", "'none'");
        assertThat(directives.values()).allSatisfy(sources -> assertThat(sources)
                .doesNotContain("unsafe-inline", "unsafe-eval", "*", "http:", "https:"));
    }

    @Test
    void noSniffingNoFramingNoReferrer() {
        assertThat(SecurityHeaders.all())
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Referrer-Policy", "no-referrer");
    }

    @Test
    void headerNamesAreUnique() {
        assertThat(SecurityHeaders.all().keySet().stream().map(String::toLowerCase)
                .collect(Collectors.toMap(Function.identity(), n -> 1, Integer::sum)).values()).containsOnly(1);
    }
}
