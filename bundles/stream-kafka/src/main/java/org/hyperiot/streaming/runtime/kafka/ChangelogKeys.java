package org.hyperiot.streaming.runtime.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.engine.state.StateChange;

/**
 * Keys of the changelog topic: {@code <source topic>/<source partition>/<store>/<state key>}. The
 * state of the task reading source partition {@code p} is written to changelog partition {@code p};
 * the source topic in the key keeps tasks of several source topics apart within that partition.
 * Topic names cannot contain {@code /}; store names are the engine's own and do not either.
 *
 * <p>Outside transactions (at-most-once, at-least-once) a task that takes a source partition first
 * writes a claim, {@code <source topic>/<source partition>/~claim/<owner>}, and every state change it
 * writes afterwards carries its owner id in the header {@value #OWNER_HEADER}: a restore then skips
 * changes whose owner is not the one that claimed last, i.e. those of a paused node that kept writing
 * after the group had moved the partition on. Each claim has a key of its own, so compaction keeps them all.
 */
public final class ChangelogKeys {

    /** Header of a state change written outside a transaction: the owner id of the task that wrote it. */
    public static final String OWNER_HEADER = "hyperiot.owner";
    private static final String CLAIM_STORE = "~claim";

    private ChangelogKeys() {
    }

    static String prefix(TopicPartition source) {
        return source.topic() + "/" + source.partition() + "/";
    }

    /** The key of {@code change} made by the task of {@code source}. */
    public static byte[] key(TopicPartition source, StateChange change) {
        return (prefix(source) + change.store() + "/" + change.key()).getBytes(StandardCharsets.UTF_8);
    }

    /** The key of the claim of {@code source} by the task with owner id {@code owner}. */
    static byte[] claimKey(TopicPartition source, String owner) {
        return (prefix(source) + CLAIM_STORE + "/" + owner).getBytes(StandardCharsets.UTF_8);
    }

    /** True if the changelog record with this key is a claim of {@code source}. */
    public static boolean isClaim(TopicPartition source, byte[] key) {
        return key != null && new String(key, StandardCharsets.UTF_8).startsWith(prefix(source) + CLAIM_STORE + "/");
    }

    /**
     * The change a changelog record holds for {@code source}, or {@code null} if it belongs to another
     * task or is a claim.
     */
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
        String store = text.substring(prefix.length(), slash);
        if (store.equals(CLAIM_STORE)) {
            return null;
        }
        return new StateChange(store, text.substring(slash + 1), value);
    }
}
