package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final CredentialCache cache = new CredentialCache(Duration.ofSeconds(60), 3, now::get);

    private static BasicCredentials credentials(String user, String password) {
        return new BasicCredentials(user, password.toCharArray());
    }

    @Test
    void acceptedCredentialsAreRememberedUntilTheyExpire() {
        cache.accepted(credentials("alice", "right"), Set.of("streaming-viewer"));

        assertThat(cache.roles(credentials("alice", "right"))).contains(Set.of("streaming-viewer"));
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.roles(credentials("alice", "right"))).isPresent();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.roles(credentials("alice", "right"))).isEmpty();
    }

    @Test
    void onlyTheExactUserAndPasswordMatch() {
        cache.accepted(credentials("ab", "c"), Set.of("streaming-admin"));

        assertThat(cache.roles(credentials("ab", "wrong"))).isEmpty();
        assertThat(cache.roles(credentials("a", "bc"))).isEmpty();
        assertThat(cache.roles(credentials("AB", "c"))).isEmpty();
    }

    @Test
    void aFullCacheMakesRoomFromExpiredEntriesOnlyAndOtherwiseRemembersNothingNew() {
        cache.accepted(credentials("a", "1"), Set.of("r"));
        cache.accepted(credentials("b", "1"), Set.of("r"));
        cache.accepted(credentials("c", "1"), Set.of("r"));
        cache.accepted(credentials("d", "1"), Set.of("r"));
        assertThat(cache.roles(credentials("d", "1"))).isEmpty();
        assertThat(cache.roles(credentials("a", "1"))).isPresent();

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        cache.accepted(credentials("d", "1"), Set.of("r"));
        assertThat(cache.roles(credentials("d", "1"))).isPresent();
    }

    @Test
    void aTimeToLiveOfZeroRemembersNothing() {
        CredentialCache off = new CredentialCache(Duration.ZERO, 3, now::get);
        off.accepted(credentials("alice", "right"), Set.of("streaming-viewer"));

        assertThat(off.roles(credentials("alice", "right"))).isEmpty();
    }
}
