package org.hyperiot.streaming.rest.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent reader of the Prometheus text format 0.0.4, strict where Prometheus is: it lists
 * what a page breaks instead of trusting the writer, and returns the samples by series.
 */
final class ExpositionFormat {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    /** A label whose value escapes backslash, double quote and line feed, and has no other backslash or line feed. */
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?})? (\\S+)");
    private static final Pattern VALUE = Pattern.compile("[+-]?Inf|NaN|[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ExpositionFormat() {
    }

    /** Every rule of the format the page breaks; empty for a valid page. */
    static List<String> violations(String page) {
        List<String> violations = new ArrayList<>();
        if (!page.isEmpty() && !page.endsWith("\n")) {
            violations.add("the page does not end with a line feed");
        }
        Set<String> helped = new HashSet<>();
        Set<String> typed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        for (String line : page.split("\n")) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            String family;
            if (help.matches()) {
                family = help.group(1);
                if (!helped.add(family)) {
                    violations.add("a second HELP for " + family);
                }
            } else if (type.matches()) {
                family = type.group(1);
                if (!typed.add(family)) {
                    violations.add("a second TYPE for " + family);
                }
            } else if (sample.matches()) {
                family = sample.group(1);
                if (!typed.contains(family)) {
                    violations.add("a sample of " + family + " without a TYPE before it");
                }
                if (!VALUE.matcher(sample.group(3)).matches()) {
                    violations.add("not a Prometheus number: " + line);
                }
                if (!series.add(family + (sample.group(2) == null ? "" : sample.group(2)))) {
                    violations.add("a repeated series: " + line);
                }
            } else {
                violations.add("not a HELP, TYPE or sample line: " + line);
                continue;
            }
            if (!family.equals(current)) {
                if (!seen.add(family)) {
                    violations.add("the lines of " + family + " are not together");
                }
                current = family;
            }
        }
        return violations;
    }

    /** The samples of a page: series (name and labels as written) to value as written. */
    static Map<String, String> samples(String page) {
        Map<String, String> samples = new LinkedHashMap<>();
        for (String line : page.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), sample.group(3));
            }
        }
        return samples;
    }
}
