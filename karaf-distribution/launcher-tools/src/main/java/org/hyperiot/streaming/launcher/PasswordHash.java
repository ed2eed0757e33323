package org.hyperiot.streaming.launcher;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A password as Karaf's JAAS realm stores it in {@code etc/users.properties} with the distribution's
 * {@code etc/org.apache.karaf.jaas.cfg}: a salted bcrypt hash (encryption service
 * {@code spring-security-crypto}, algorithm {@code bcrypt}), base64-encoded and wrapped in
 * {@code {CRYPT}}. Karaf checks it with the same library; the cost factor travels inside the hash.
 */
final class PasswordHash {

    static final String PREFIX = "{CRYPT}";
    static final String SUFFIX = "{CRYPT}";

    /** 2^10 rounds, the default of the encoder Karaf uses when it hashes a password typed in clear. */
    static final int COST = 10;

    private PasswordHash() {
    }

    /** The stored form of {@code password}, with a fresh random salt. */
    static String of(String password, SecureRandom random) {
        String bcrypt = BCrypt.hashpw(password, BCrypt.gensalt(COST, random));
        return PREFIX + Base64.getEncoder().encodeToString(bcrypt.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }

    /** Whether {@code stored}, as {@link #of} writes it, is the hash of {@code password}. */
    static boolean matches(String password, String stored) {
        if (!stored.startsWith(PREFIX) || !stored.endsWith(SUFFIX) || stored.length() < PREFIX.length() + SUFFIX.length()) {
            return false;
        }
        String encoded = stored.substring(PREFIX.length(), stored.length() - SUFFIX.length());
        try {
            return BCrypt.checkpw(password, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
