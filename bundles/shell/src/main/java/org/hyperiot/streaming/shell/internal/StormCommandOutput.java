package org.hyperiot.streaming.shell.internal;

import java.util.Locale;

import org.hyperiot.streaming.api.storm.StormException;

/** How the {@code storm:*} commands word what they print: durations, latencies and Storm's refusals. */
final class StormCommandOutput {

    private StormCommandOutput() {
    }

    /** Storm's refusal on standard error, with its stable code for scripts that grep for it. */
    static void refused(StormException e) {
        System.err.println(e.getMessage() + " (" + e.errorCode() + ")");
    }

    /** {@code 42s}, {@code 3m 05s}, {@code 2h 03m}, {@code 3d 04h}: as precise as a glance needs. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3_600, seconds % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3_600);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The first line of a message, such as a stack trace, cut to a table cell's width. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }
}
