package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How numbers are written in the report and on the chart. Every form is independent of the default
 * locale, so a report produced on a German or French machine reads the same as anywhere else.
 */
public final class Figures {

    /** Written where a figure is unknown or cannot be computed. */
    public static final String NOT_AVAILABLE = "–";

    private Figures() {
    }

    /**
     * Rounded to a whole number with ',' between thousands, e.g. {@code 1,234,568}.
     */
    public static String grouped(double value) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return grouped(Math.round(value));
    }

    /**
     * With ',' between thousands, e.g. {@code 1,800,000}.
     */
    public static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder text = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        int firstGroup = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        text.append(digits, 0, firstGroup);
        for (int i = firstGroup; i < digits.length(); i += 3) {
            text.append(',').append(digits, i, i + 3);
        }
        return value < 0 ? "-" + text : text.toString();
    }

    /**
     * With the given number of decimals, e.g. {@code 12.3}.
     */
    public static String decimals(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * With the given number of decimals and ',' between thousands, e.g. {@code 1,320.5}.
     */
    public static String groupedDecimals(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        String text = decimals(Math.abs(value), decimals);
        int point = text.indexOf('.');
        String whole = point < 0 ? text : text.substring(0, point);
        String fraction = point < 0 ? "" : text.substring(point);
        return (value < 0 ? "-" : "") + grouped(Long.parseLong(whole)) + fraction;
    }

    /**
     * A multiple of a reference with two decimals, e.g. {@code 0.93 ×}.
     */
    public static String ratio(double value) {
        return Double.isFinite(value) ? decimals(value, 2) + " ×" : NOT_AVAILABLE;
    }

    /**
     * Short form for chart labels with at most three significant digits: {@code 950}, {@code 85.2k},
     * {@code 250k}, {@code 1.2M}.
     */
    public static String compact(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 999_500) {
            return significant(value / 1_000_000) + "M";
        }
        if (magnitude >= 999.5) {
            return significant(value / 1_000) + "k";
        }
        return significant(value);
    }

    /**
     * A latency for a chart label: two significant digits below 1 ms ({@code 0.62}, {@code 0.004}), one
     * decimal below 10 ms, none above ({@code 1,320}).
     */
    public static String millis(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 9.95) {
            return grouped(value);
        }
        if (magnitude >= 0.995) {
            return decimals(value, 1);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static String significant(double value) {
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
        // Trailing zeros only add width to a label that is already tight above a bar.
        return new BigDecimal(decimals(value, decimals)).stripTrailingZeros().toPlainString();
    }
}
