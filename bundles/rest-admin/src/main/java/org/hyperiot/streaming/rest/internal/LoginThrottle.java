package org.hyperiot.streaming.rest.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing the way OpenSSH's per-source penalties do, per user name and per
 * client address: after a number of free failures each further failure locks that user (or
 * address) out for a penalty that doubles, up to a maximum. While locked out a login is not even
 * tried, so the caller can be answered at once (429 with {@code Retry-After}) instead of holding a
 * request thread. A success clears the user and the address; failures are forgotten after a quiet
 * period. At most {@code maxTracked} users and addresses are remembered, the least recently failed
 * giving way, so that a flood of invented names cannot exhaust memory. Thread-safe.
 */
final class LoginThrottle {

    /** How many failures a user or address may have before each further one locks it out. */
    record Limits(int freeFailuresPerUser, int freeFailuresPerAddress, Duration firstPenalty, Duration maxPenalty,
            Duration forgetAfter, int maxTracked) {
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final Map<String, Record> tracked = new ConcurrentHashMap<>();

    /** What is known about one user or address. */
    private static final class Record {
        int failures;
        long lastFailureNanos;
        long lockedUntilNanos;
    }

    LoginThrottle(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** How long logins of {@code user} from {@code address} remain refused; empty if they may be tried now. */
    Optional<Duration> lockedOut(String user, String address) {
        long now = nanoTime.getAsLong();
        long until = Math.max(lockedUntil(userKey(user), now), lockedUntil(addressKey(address), now));
        return until - now > 0 ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
    }

    /** Records a failed login; returns the number of failures of that user so far. */
    int failed(String user, String address) {
        long now = nanoTime.getAsLong();
        int userFailures = fail(userKey(user), limits.freeFailuresPerUser(), now);
        fail(addressKey(address), limits.freeFailuresPerAddress(), now);
        return userFailures;
    }

    /** A success proves the password: the user's and the address's failures are forgiven. */
    void succeeded(String user, String address) {
        tracked.remove(userKey(user));
        tracked.remove(addressKey(address));
    }

    private long lockedUntil(String key, long now) {
        Record record = tracked.get(key);
        if (record == null) {
            return now;
        }
        synchronized (record) {
            return record.lockedUntilNanos;
        }
    }

    private int fail(String key, int free, long now) {
        if (tracked.size() >= limits.maxTracked() && !tracked.containsKey(key)) {
            makeRoom(now);
        }
        Record record = tracked.computeIfAbsent(key, k -> new Record());
        synchronized (record) {
            if (record.failures > 0 && now - record.lastFailureNanos > limits.forgetAfter().toNanos()) {
                record.failures = 0;
            }
            record.failures++;
            record.lastFailureNanos = now;
            int beyond = record.failures - free;
            if (beyond > 0) {
                record.lockedUntilNanos = now + penalty(beyond).toNanos();
            }
            return record.failures;
        }
    }

    /** The lockout after the {@code beyond}-th failure past the free ones: first, 2 × first, 4 × first, … up to max. */
    Duration penalty(int beyond) {
        Duration first = limits.firstPenalty();
        int doublings = Math.min(beyond - 1, 30);
        Duration penalty = first.multipliedBy(1L << doublings);
        return penalty.compareTo(limits.maxPenalty()) > 0 ? limits.maxPenalty() : penalty;
    }

    /** Forgets records whose failures are stale, then, if still full, the least recently failed ones. */
    private void makeRoom(long now) {
        long forget = limits.forgetAfter().toNanos();
        tracked.values().removeIf(r -> {
            synchronized (r) {
                return now - r.lastFailureNanos > forget && now - r.lockedUntilNanos > 0;
            }
        });
        while (tracked.size() >= limits.maxTracked()) {
            String oldest = null;
            long oldestNanos = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, Record>> it = tracked.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Record> entry = it.next();
                long last;
                synchronized (entry.getValue()) {
                    last = entry.getValue().lastFailureNanos;
                }
                if (oldest == null || last - oldestNanos < 0) {
                    oldest = entry.getKey();
                    oldestNanos = last;
                }
            }
            if (oldest == null) {
                return;
            }
            tracked.remove(oldest);
        }
    }

    int trackedCount() {
        return tracked.size();
    }

    private static String userKey(String user) {
        return "user " + user;
    }

    private static String addressKey(String address) {
        return "address " + address;
    }
}
