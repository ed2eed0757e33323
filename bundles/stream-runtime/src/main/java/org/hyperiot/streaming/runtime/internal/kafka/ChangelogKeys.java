package org.hyperiot.streaming.runtime.internal.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.engine.state.StateChange;

/**
 * Keys of the changelog topic: {@code <source topic>/<source partition>/<store>/<state key>}. The
 * state of the task reading source partition {@code p} is written to changelog partition {@code p};
 * the source topic in the key keeps tasks of several source topics apart within that partition.
 * Topic names cannot contain {@code /}; store names are the engine's own and do not either.
 */
final class ChangelogKeys {

    private ChangelogKeys() {
    }

    static String prefix(TopicPartition source) {
        return source.topic() + "/" + source.partition() + "/";
    }

    static byte[] key(TopicPartition source, StateChange change) {
        return (prefix(source) + change.store() + "/" + change.key()).getBytes(StandardCharsets.UTF_8);
    }

    /** The change a changelog record holds for {@code source}, or {@code null} if it belongs to another task. */
    static StateChange change(TopicPartition source, byte[] key, byte[] value) {
        if (key == null) {
            return null;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        String prefix = prefix(source);
        if (!text.startsWith(prefix)) {
            return null;
        }
        int slash = text.indexOf('/', prefix.length());
        if (slash < 0) {
            return null;
        }
        return new StateChange(text.substring(prefix.length(), slash), text.substring(slash + 1), value);
    }
}
