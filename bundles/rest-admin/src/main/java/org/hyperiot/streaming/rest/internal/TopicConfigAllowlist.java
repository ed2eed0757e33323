package org.hyperiot.streaming.rest.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.common.config.TopicConfig;

/**
 * Which topic configurations a REST caller may set (SPEC §7). Only the per-topic settings Kafka
 * itself defines pass, taken from {@link TopicConfig} so that the list follows the client version;
 * values must be plain: no {@code ${…}} reference (config providers would resolve it on a broker
 * that has them), no control characters, and short.
 */
final class TopicConfigAllowlist {

    static final int MAX_VALUE_LENGTH = 1024;

    private static final Set<String> NAMES = topicConfigNames();

    private TopicConfigAllowlist() {
    }

    /** Why {@code name = value} is refused, or {@code null} when it may be set. */
    static String refusal(String name, String value) {
        if (!NAMES.contains(name)) {
            return "not a Kafka topic configuration; allowed: " + String.join(", ", NAMES);
        }
        if (value == null) {
            return "a value is required";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "a value has at most " + MAX_VALUE_LENGTH + " characters";
        }
        if (value.contains("${")) {
            return "configuration references (${...}) are not accepted";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "control characters are not accepted";
        }
        return null;
    }

    static Set<String> names() {
        return NAMES;
    }

    private static Set<String> topicConfigNames() {
        SortedSet<String> names = new TreeSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("TopicConfig." + field.getName() + " is not readable", e);
                }
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }
}
