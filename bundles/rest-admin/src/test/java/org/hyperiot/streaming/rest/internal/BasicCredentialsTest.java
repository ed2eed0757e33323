package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void parsesUserAndPasswordWithColonsInThePassword() {
        BasicCredentials credentials = BasicCredentials.parse("Basic " + encode("admin:s3:cr:et")).orElseThrow();

        assertThat(credentials.user()).isEqualTo("admin");
        assertThat(new String(credentials.password())).isEqualTo("s3:cr:et");
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(BasicCredentials.parse("bAsIc " + encode("viewer:pw"))).isPresent();
    }

    @Test
    void rejectsOtherSchemesAndMalformedValues() {
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic")).isEmpty();
        assertThat(BasicCredentials.parse("Basic !!!not-base64!!!")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode("no-colon"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode(":password-without-user"))).isEmpty();
        assertThat(BasicCredentials.parse(null)).isEmpty();
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
