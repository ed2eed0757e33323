package org.hyperiot.streaming.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHashTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void isTheBase64OfABcryptHashInCryptMarkersThatKarafsEncoderAccepts() {
        String stored = PasswordHash.of("s3cret, with; odd=chars", random);

        assertThat(stored).startsWith("{CRYPT}").endsWith("{CRYPT}").doesNotContain("s3cret").doesNotContain(",");
        String bcrypt = new String(Base64.getDecoder().decode(stored.substring(7, stored.length() - 7)), StandardCharsets.UTF_8);
        assertThat(bcrypt).startsWith("$2a$10$");
        // What Karaf's spring-security-crypto encryption does with encoding = base64.
        assertThat(new BCryptPasswordEncoder().matches("s3cret, with; odd=chars", bcrypt)).isTrue();
        assertThat(new BCryptPasswordEncoder().matches("s3cret, with; odd=chars ", bcrypt)).isFalse();
    }

    @Test
    void isSaltedSoTheSamePasswordNeverHashesTheSameTwice() {
        String first = PasswordHash.of("same", random);
        String second = PasswordHash.of("same", random);

        assertThat(first).isNotEqualTo(second);
        assertThat(PasswordHash.matches("same", first)).isTrue();
        assertThat(PasswordHash.matches("same", second)).isTrue();
        assertThat(PasswordHash.matches("other", first)).isFalse();
    }

    @Test
    void doesNotMatchWhatIsNotItsForm() {
        assertThat(PasswordHash.matches("x", "x")).isFalse();
        assertThat(PasswordHash.matches("x", "{CRYPT}not base64!{CRYPT}")).isFalse();
        assertThat(PasswordHash.matches("x", "{CRYPT}")).isFalse();
    }
}
