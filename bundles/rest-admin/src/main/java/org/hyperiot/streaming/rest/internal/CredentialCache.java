package org.hyperiot.streaming.rest.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials the realm accepted a short while ago, with the roles it gave. The realm's check is a
 * salted, iterated hash on purpose (tens of milliseconds of CPU): a client that sends the same Basic
 * credentials with every request would otherwise pay it every time, and a few such clients would
 * keep a core busy. Only accepted credentials are kept, under an HMAC with a key of this process, so
 * neither a password nor a reusable hash of it sits in memory; failures always go to the realm and
 * to the login throttle. A password changed or a role taken away in the realm applies to a client
 * already remembered once its entry expires.
 */
final class CredentialCache {

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Set<String> roles, long expiresAt) {
    }

    /**
     * @param ttl        how long accepted credentials are remembered; zero remembers nothing
     * @param maxEntries how many are remembered at most; beyond that, new ones are not remembered
     */
    CredentialCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The roles the realm gave these exact credentials, if that was less than the time to live ago. */
    Optional<Set<String>> roles(BasicCredentials credentials) {
        if (ttlNanos <= 0) {
            return Optional.empty();
        }
        String id = fingerprint(credentials);
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry.roles());
    }

    /** Remembers credentials the realm has just accepted. */
    void accepted(BasicCredentials credentials, Set<String> roles) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> now - entry.expiresAt() >= 0);
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(fingerprint(credentials), new Entry(Set.copyOf(roles), now + ttlNanos));
    }

    private String fingerprint(BasicCredentials credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(credentials.user().getBytes(StandardCharsets.UTF_8));
            // A separator no user name contains, so that ("ab", "c") and ("a", "bc") differ.
            mac.update((byte) 0);
            ByteBuffer password = StandardCharsets.UTF_8.encode(CharBuffer.wrap(credentials.password()));
            mac.update(password);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
