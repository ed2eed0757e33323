package org.hyperiot.streaming.engine.definition;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration syntax of stream definitions: a whole number followed by {@code ms}, {@code s}, {@code m} or {@code h}. */
public final class DurationFormat {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    private DurationFormat() {
    }

    /** The duration written as {@code 250ms}, {@code 2s}, {@code 5m} or {@code 1h}, or empty if the text is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    /**
     * The duration in the largest unit that expresses it exactly ({@code 120000 ms} is {@code 2m}).
     *
     * @throws IllegalArgumentException for negative durations or durations with a fraction of a millisecond
     */
    public static String format(Duration duration) {
        if (!isWholeMillis(duration)) {
            throw new IllegalArgumentException("not expressible as a stream definition duration: " + duration);
        }
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** True when the duration is zero or positive and a whole number of milliseconds. */
    public static boolean isWholeMillis(Duration duration) {
        return !duration.isNegative() && duration.getNano() % 1_000_000 == 0;
    }
}
