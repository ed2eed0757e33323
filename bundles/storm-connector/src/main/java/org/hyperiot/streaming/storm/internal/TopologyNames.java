package org.hyperiot.streaming.storm.internal;

import java.util.regex.Pattern;

import org.hyperiot.streaming.api.storm.StormException;

/**
 * The names the connector accepts. Topology names end up in Nimbus' ZooKeeper paths, in blob keys
 * and in log lines, so only a safe subset of what Storm allows (no {@code / . : \}) is taken;
 * identifiers given to the topology service are checked before anything is sent to Nimbus.
 */
public final class TopologyNames {

    /** Letters, digits, {@code _} and {@code -}, starting with a letter or digit. */
    static final Pattern TOPOLOGY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    /** A name or a Nimbus id ({@code <name>-<counter>-<epoch seconds>}): the same characters, a little longer. */
    private static final Pattern ID_OR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");

    /** Owners as {@code stream:<stream name>} or {@code bundle:<symbolic name>}. */
    private static final Pattern OWNER = Pattern.compile("(stream:[a-z0-9][a-z0-9._-]{0,62})|(bundle:[A-Za-z0-9_.-]{1,200})");

    private TopologyNames() {
    }

    /** Checks a provider's topology name; {@code INVALID_TOPOLOGY} naming the rule when it breaks it. */
    public static String checkTopologyName(String name) {
        if (name == null || !TOPOLOGY_NAME.matcher(name).matches()) {
            throw new StormException(StormException.INVALID_TOPOLOGY, "Topology name " + quoted(name)
                    + " is not valid: use 1 to 128 letters, digits, '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    /** Checks an id or name given to the topology service; {@code INVALID_REQUEST} when it cannot be one. */
    public static String checkIdOrName(String idOrName) {
        if (idOrName == null || !ID_OR_NAME.matcher(idOrName).matches()) {
            throw new StormException(StormException.INVALID_REQUEST, "Topology id or name " + quoted(idOrName)
                    + " is not valid: topologies are named with letters, digits, '_' and '-'");
        }
        return idOrName;
    }

    /** Checks an owner; {@code INVALID_TOPOLOGY} when it is neither {@code stream:…} nor {@code bundle:…}. */
    public static String checkOwner(String owner) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new StormException(StormException.INVALID_TOPOLOGY, "Topology owner " + quoted(owner)
                    + " is not valid: use stream:<stream name> or bundle:<symbolic name>");
        }
        return owner;
    }

    /**
     * The blob-store key of a topology's dependency jar: its name and the jar's checksum, so that an
     * unchanged jar is uploaded once and keys of different topologies never collide.
     */
    public static String dependencyBlobKey(String topologyName, String sha256) {
        return "hyperiot-" + checkTopologyName(topologyName) + "-" + sha256.substring(0, 32) + ".jar";
    }

    /** Quotes a user-given value for a message, cut short and without control characters. */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
