package org.hyperiot.streaming.kafka.internal.receiver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;

/**
 * What one registered {@link KafkaMessageReceiver} asked for, read from its service properties: the
 * topic, the optional exact key, and the name its consumer group is derived from.
 *
 * <p>The key is compared with the record key's bytes in Java, never through an LDAP filter, so keys
 * containing {@code * ( ) \ =} need no escaping.
 *
 * @param topic     the topic to receive
 * @param key       the exact key to receive, or {@code null} for every record
 * @param groupName the stable name of the receiver (see {@link #from})
 */
record ReceiverSubscription(String topic, String key, String groupName) {

    /**
     * Optional service property naming the receiver's consumer group explicitly. Receivers that are
     * not DS components (registered by an activator, say) set it to keep their offsets across restarts.
     */
    static final String GROUP = "hyperiot.kafka.group";

    static final String SERVICE_PID = "service.pid";
    static final String COMPONENT_NAME = "component.name";

    ReceiverSubscription {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the service property " + KafkaMessageReceiver.TOPIC + " is required");
        }
        if (groupName == null || groupName.isBlank()) {
            throw new IllegalArgumentException("a receiver needs a group name");
        }
    }

    /**
     * Reads a receiver's service properties. The group name is, in order of preference, the
     * {@value #GROUP} property, the {@code service.pid} (distinct for each factory configuration),
     * the {@code component.name}, and last the receiver's class name: all of them survive a stop and
     * start of the receiver's bundle, so its committed offsets are found again.
     *
     * @throws IllegalArgumentException if the topic is missing or a property has an unusable type
     */
    static ReceiverSubscription from(Map<String, ?> properties, Class<?> receiverClass) {
        String topic = single(properties, KafkaMessageReceiver.TOPIC);
        String key = single(properties, KafkaMessageReceiver.KEY);
        String group = single(properties, GROUP);
        if (group == null || group.isBlank()) {
            group = firstNonBlank(single(properties, SERVICE_PID), single(properties, COMPONENT_NAME),
                    receiverClass.getName());
        }
        return new ReceiverSubscription(topic == null ? null : topic.trim(), key, group.trim());
    }

    /** Whether a record with this key is for the receiver; a {@code null} key matches only when no key was asked for. */
    boolean matches(byte[] recordKey) {
        if (key == null) {
            return true;
        }
        return recordKey != null && Arrays.equals(recordKey, key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The consumer group: {@code hyperiot-receiver/<layer>/<groupName>/<topic>}, plus {@code /<key>}
     * when a key is set. Nodes of one layer share the group (each record is handled by one node of the
     * layer); topic and key are part of it so that one receiver class registered for several topics or
     * keys gets independent offsets instead of splitting the partitions between its registrations.
     *
     * <p>Each part is escaped ({@link #escape}) so that it holds no {@code /}: distinct (layer, group
     * name, topic, key) never give the same id, as they did when the parts were joined with {@code -}
     * (group {@code g}, key {@code t-k} and group {@code g-t}, key {@code k} shared a group and
     * committed each other's records). Ids of receivers without slashes, percent signs or control
     * characters in their names stay readable as they are.
     */
    String groupId(String layer) {
        StringBuilder id = new StringBuilder("hyperiot-receiver");
        for (String part : key == null ? new String[] {layer, groupName, topic} : new String[] {layer, groupName, topic, key}) {
            id.append('/').append(escape(part));
        }
        return id.toString();
    }

    /**
     * The group id used before ids were escaped, when the parts were joined with {@code -}: the group
     * whose committed offsets an existing receiver carries over (see docs/kafka-connector.md).
     */
    String legacyGroupId(String layer) {
        return "hyperiot-receiver-" + layer + "-" + groupName + "-" + topic + (key == null ? "" : "-" + key);
    }

    /**
     * Percent-encodes, as UTF-8 bytes, {@code %}, {@code /} and the characters Kafka's tools and logs
     * would not show (controls and whitespace other than a plain space); everything else stays as it is.
     */
    static String escape(String part) {
        StringBuilder escaped = new StringBuilder(part.length());
        part.codePoints().forEach(codePoint -> {
            if (codePoint == '%' || codePoint == '/' || Character.isISOControl(codePoint)
                    || (Character.isWhitespace(codePoint) && codePoint != ' ')) {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    escaped.append('%').append(String.format("%02X", b & 0xff));
                }
            } else {
                escaped.appendCodePoint(codePoint);
            }
        });
        return escaped.toString();
    }

    /** The deliveries' thread name, readable in a thread dump. */
    String threadName() {
        return "hyperiot-receiver-" + groupName + "-" + topic + (key == null ? "" : "[" + key + "]");
    }

    private static String single(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof String[] array && array.length == 1) {
            return array[0];
        }
        if (value instanceof Collection<?> collection && collection.size() == 1) {
            return String.valueOf(collection.iterator().next());
        }
        throw new IllegalArgumentException("the service property " + name + " must be one string, not " + value);
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no group name");
    }
}
