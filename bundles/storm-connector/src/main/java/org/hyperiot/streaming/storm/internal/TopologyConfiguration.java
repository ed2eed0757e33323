package org.hyperiot.streaming.storm.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.storm.Config;
import org.hyperiot.streaming.api.storm.StormException;

/**
 * The configuration a topology is submitted with: the provider's own keys, checked, plus the
 * topology's name and two keys of the connector's, serialised as canonical JSON (keys sorted) so
 * that equal configurations hash equally.
 *
 * <p>Anyone who can read a topology from Nimbus can read its configuration, so keys that look like
 * secrets are refused (at any depth) rather than submitted; so are the daemons' keys, which a
 * topology has no business setting and which made a local cluster halt its JVM when a client's whole
 * configuration was submitted as the topology's.
 */
public final class TopologyConfiguration {

    /** Who deployed the topology ({@code stream:…} or {@code bundle:…}), read back for listings. */
    public static final String OWNER_KEY = "hyperiot.topology.owner";

    /** The deployment's fingerprint, read back to tell a changed provider from an unchanged one. */
    public static final String FINGERPRINT_KEY = "hyperiot.topology.fingerprint";

    private static final List<String> SECRET_MARKERS = List.of("password", "passwd", "secret", "sasl.jaas", "jaas.config",
            "private.key", "privatekey", "api.key", "apikey", "access.key", "token", "keystore.key", "loginmodule");

    private static final List<String> DAEMON_PREFIXES = List.of("storm.", "nimbus.", "supervisor.", "worker.", "drpc.",
            "ui.", "logviewer.", "pacemaker.", "blobstore.", "dev.zookeeper.", "transactional.zookeeper.", "java.library.path");

    private TopologyConfiguration() {
    }

    /**
     * The configuration to submit: {@code own} after checking, with {@code topology.name}, the owner
     * and the fingerprint. {@code INVALID_TOPOLOGY} listing every refused key otherwise.
     */
    public static Map<String, Object> submitted(String name, Map<String, Object> own, String owner, String fingerprint) {
        check(own);
        Map<String, Object> configuration = new TreeMap<>(own);
        configuration.put(Config.TOPOLOGY_NAME, name);
        configuration.put(OWNER_KEY, owner);
        configuration.put(FINGERPRINT_KEY, fingerprint);
        return configuration;
    }

    /** Checks a provider's own configuration; {@code INVALID_TOPOLOGY} listing every refused key. */
    public static void check(Map<String, Object> own) {
        List<String> problems = new ArrayList<>();
        own.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                problems.add("a key is empty");
                return;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("hyperiot.")) {
                problems.add(key + ": keys starting with 'hyperiot.' are the connector's own");
            } else if (lower.equals(Config.TOPOLOGY_NAME)) {
                problems.add(key + ": the name comes from TopologyProvider.name()");
            } else if (DAEMON_PREFIXES.stream().anyMatch(lower::startsWith)) {
                problems.add(key + ": a setting of the cluster's daemons, not of a topology");
            }
            checkValue(key, value, problems);
        });
        if (!problems.isEmpty()) {
            throw new StormException(StormException.INVALID_TOPOLOGY,
                    "Topology configuration refused: " + String.join("; ", problems));
        }
    }

    private static void checkValue(String path, Object value, List<String> problems) {
        if (looksSecret(path)) {
            problems.add(path + ": looks like a secret, and a topology's configuration is readable by any Storm user; "
                    + "pass secrets as TopologyProvider.credentials()");
            return;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float) {
            if (value instanceof String text && text.contains("LoginModule")) {
                problems.add(path + ": holds a JAAS login module configuration; pass secrets as credentials()");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> {
                if (!(key instanceof String)) {
                    problems.add(path + ": map keys must be strings");
                } else {
                    checkValue(path + "." + key, nested, problems);
                }
            });
            return;
        }
        if (value instanceof Collection<?> list) {
            int index = 0;
            for (Object element : list) {
                checkValue(path + "[" + index++ + "]", element, problems);
            }
            return;
        }
        problems.add(path + ": a " + value.getClass().getSimpleName()
                + " is not a JSON value (use strings, numbers, booleans, lists and maps)");
    }

    private static boolean looksSecret(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /** Canonical JSON: map keys sorted, no spaces, numbers as Java prints them. */
    public static String toJson(Object value) {
        StringBuilder json = new StringBuilder();
        write(json, value);
        return json.toString();
    }

    private static void write(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            writeString(json, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            json.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new StormException(StormException.INVALID_TOPOLOGY, "Topology configuration holds " + number
                        + ", which JSON cannot carry");
            }
            json.append(number);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                writeString(json, (String) entry.getKey());
                json.append(':');
                write(json, entry.getValue());
            }
            json.append('}');
        } else if (value instanceof Collection<?> list) {
            json.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                write(json, element);
            }
            json.append(']');
        } else {
            throw new StormException(StormException.INVALID_TOPOLOGY,
                    "Topology configuration holds a " + value.getClass().getName() + ", which is no JSON value");
        }
    }

    private static void writeString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
