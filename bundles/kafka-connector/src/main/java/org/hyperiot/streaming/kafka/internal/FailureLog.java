package org.hyperiot.streaming.kafka.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * Writes a failure that repeats to the log once per interval instead of once per occurrence. A
 * component that retries forever against an unreachable cluster (or reads a poisoned topic) would
 * otherwise add a line, often a stack trace, at every attempt. Failures are told apart by a key the
 * caller chooses, usually the failing action and the exception's type and message: a new kind of
 * failure is always logged at once, a known one again only after the interval, with the number of
 * repeats in between.
 */
public final class FailureLog {

    /** Where the lines go; {@link #to(Logger)} writes warnings to an SLF4J logger. */
    @FunctionalInterface
    public interface Sink {
        void write(String message, Throwable error);
    }

    /** How many distinct failures are remembered; a hostile topic must not grow this without bound. */
    private static final int REMEMBERED = 256;

    private final Sink sink;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > REMEMBERED;
        }
    };

    public FailureLog(Sink sink, Duration interval, Clock clock) {
        this.sink = sink;
        this.interval = interval;
        this.clock = clock;
    }

    /** Warnings to {@code logger}, each distinct failure at most once every five minutes. */
    public static FailureLog to(Logger logger) {
        return new FailureLog(logger::warn, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * Logs {@code message} unless a failure with the same {@code key} was logged less than an
     * interval ago; the stack trace of {@code error} is written only the first time.
     *
     * @return whether the line was written
     */
    public synchronized boolean report(String key, String message, Throwable error) {
        long now = clock.millis();
        Seen previous = seen.get(key);
        if (previous == null) {
            seen.put(key, new Seen(now));
            sink.write(message, error);
            return true;
        }
        if (now - previous.loggedAt < interval.toMillis()) {
            previous.suppressed++;
            return false;
        }
        sink.write(message + " (again; " + previous.suppressed + " more times since "
                + java.time.Instant.ofEpochMilli(previous.loggedAt) + ")", null);
        previous.loggedAt = now;
        previous.suppressed = 0;
        return true;
    }

    /** Forgets {@code key}, so that the failure is logged at once if it comes back after a recovery. */
    public synchronized void recovered(String key) {
        seen.remove(key);
    }

    /** Forgets every failure whose key starts with {@code prefix}. */
    public synchronized void recoveredAll(String prefix) {
        seen.keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** A key naming a failure by its action and its exception's type and message. */
    public static String key(String action, Throwable error) {
        return action + "|" + (error == null ? "" : error.getClass().getName() + ": " + error.getMessage());
    }

    private static final class Seen {
        long loggedAt;
        long suppressed;

        Seen(long loggedAt) {
            this.loggedAt = loggedAt;
        }
    }
}
