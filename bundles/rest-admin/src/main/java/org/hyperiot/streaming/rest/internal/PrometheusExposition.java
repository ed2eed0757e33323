package org.hyperiot.streaming.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A page in the Prometheus text exposition format 0.0.4. Samples may be added to any family in any
 * order; the page groups them so that each family appears once, under one {@code # HELP} and one
 * {@code # TYPE} line, as the format requires.
 */
final class PrometheusExposition {

    /** The media type Prometheus expects for this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The two metric types this API exposes. */
    enum Type {
        COUNTER, GAUGE
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** The counter family of that name, created on first use. */
    Family counter(String name, String help) {
        return family(name, Type.COUNTER, help);
    }

    /** The gauge family of that name, created on first use. */
    Family gauge(String name, String help) {
        return family(name, Type.GAUGE, help);
    }

    private Family family(String name, Type type, String help) {
        Family family = families.computeIfAbsent(name, n -> new Family(n, type, help));
        if (family.type != type) {
            throw new IllegalArgumentException(name + " is a " + family.type + ", not a " + type);
        }
        return family;
    }

    /** The page; a family without samples is left out, since it would only announce a metric that has no value. */
    String text() {
        StringBuilder page = new StringBuilder();
        for (Family family : families.values()) {
            if (family.samples.isEmpty()) {
                continue;
            }
            page.append("# HELP ").append(family.name).append(' ').append(escapeHelp(family.help)).append('\n');
            page.append("# TYPE ").append(family.name).append(' ')
                    .append(family.type.name().toLowerCase(Locale.ROOT)).append('\n');
            family.samples.forEach(sample -> page.append(sample).append('\n'));
        }
        return page.toString();
    }

    /** One metric family: its samples share the name, the type and the help. */
    static final class Family {

        private final String name;
        private final Type type;
        private final String help;
        private final List<String> samples = new ArrayList<>();

        private Family(String name, Type type, String help) {
            if (!METRIC_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a Prometheus metric name: " + name);
            }
            this.name = name;
            this.type = type;
            this.help = help;
        }

        /** Adds a sample; {@code labels} are name, value, name, value, … */
        Family add(double value, String... labels) {
            return addFormatted(number(value), labels);
        }

        /** Adds a sample; a long is written exactly, where a double would round past 2^53. */
        Family add(long value, String... labels) {
            return addFormatted(Long.toString(value), labels);
        }

        private Family addFormatted(String value, String... labels) {
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("Labels come in name-value pairs: " + List.of(labels));
            }
            StringBuilder sample = new StringBuilder(name);
            if (labels.length > 0) {
                sample.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    if (!LABEL_NAME.matcher(labels[i]).matches() || labels[i].startsWith("__")) {
                        throw new IllegalArgumentException("Not a Prometheus label name: " + labels[i]);
                    }
                    sample.append(i == 0 ? "" : ",").append(labels[i]).append("=\"")
                            .append(escapeLabelValue(labels[i + 1])).append('"');
                }
                sample.append('}');
            }
            samples.add(sample.append(' ').append(value).toString());
            return this;
        }
    }

    /** A label value as the format quotes it: backslash, double quote and line feed escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Help text as the format writes it: backslash and line feed escaped (quotes stay as they are). */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /**
     * A sample value as Prometheus parses it (Go's ParseFloat): {@code NaN}, {@code +Inf} and
     * {@code -Inf} spelled its way, whole numbers without a fraction.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
