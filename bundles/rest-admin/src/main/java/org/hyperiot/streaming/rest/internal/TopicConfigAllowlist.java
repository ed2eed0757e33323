package org.hyperiot.streaming.rest.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which topic configurations a REST caller may set, and to what (SPEC §7). Each accepted key has a
 * type and a range chosen so that no accepted value can stop a broker from loading its partitions,
 * flood it with files or fsyncs, or lose acknowledged records; keys that cannot be made safe that
 * way (fsync per record, unclean election, index tuning, preallocation, tiered storage, replication
 * throttles) are refused with the reason. Anything else is not a topic configuration at all. Values
 * must also be plain: no {@code ${…}} reference, no control characters, and short.
 */
final class TopicConfigAllowlist {

    static final int MAX_VALUE_LENGTH = 1024;

    private static final long MIB = 1024 * 1024;
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 60 * MINUTE_MS;
    private static final long DAY_MS = 24 * HOUR_MS;

    /** A check of one value: {@code null} when it is acceptable, else what is wrong, in the caller's terms. */
    interface Rule extends Function<String, String> {
    }

    private static final Map<String, Rule> ACCEPTED = accepted();

    private static final Map<String, String> REFUSED = refused();

    private TopicConfigAllowlist() {
    }

    /** Why {@code name = value} is refused, or {@code null} when it may be set. */
    static String refusal(String name, String value) {
        String refusedBecause = REFUSED.get(name);
        if (refusedBecause != null) {
            return "cannot be set through the API: " + refusedBecause;
        }
        Rule rule = ACCEPTED.get(name);
        if (rule == null) {
            return "not a topic configuration the API accepts; allowed: " + String.join(", ", ACCEPTED.keySet());
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
        return rule.apply(value);
    }

    /** The keys that may be set. */
    static Set<String> names() {
        return ACCEPTED.keySet();
    }

    /** The Kafka topic keys that are refused on purpose, with the reason. */
    static Map<String, String> refusedNames() {
        return REFUSED;
    }

    /**
     * For each accepted key, the values at the edges of its range (and a typical one): what the
     * broker-restart test creates topics with.
     */
    static Map<String, List<String>> boundaryValues() {
        Map<String, List<String>> values = new TreeMap<>();
        values.put("cleanup.policy", List.of("delete", "compact", "compact,delete"));
        values.put("compression.type", List.of("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"));
        values.put("compression.gzip.level", List.of("-1", "1", "9"));
        values.put("compression.lz4.level", List.of("1", "17"));
        values.put("compression.zstd.level", List.of("-131072", "22"));
        values.put("retention.ms", List.of("-1", Long.toString(MINUTE_MS), Long.toString(Long.MAX_VALUE)));
        values.put("retention.bytes", List.of("-1", Long.toString(MIB), Long.toString(Long.MAX_VALUE)));
        values.put("segment.bytes", List.of(Long.toString(MIB), Long.toString(1024 * MIB)));
        values.put("segment.ms", List.of(Long.toString(HOUR_MS), Long.toString(Long.MAX_VALUE)));
        values.put("segment.jitter.ms", List.of("0", Long.toString(DAY_MS)));
        values.put("max.message.bytes", List.of("1024", Long.toString(8 * MIB)));
        values.put("min.insync.replicas", List.of("1"));
        values.put("delete.retention.ms", List.of("0", Long.toString(Long.MAX_VALUE)));
        values.put("min.compaction.lag.ms", List.of("0", Long.toString(Long.MAX_VALUE)));
        values.put("max.compaction.lag.ms", List.of(Long.toString(MINUTE_MS), Long.toString(Long.MAX_VALUE)));
        values.put("min.cleanable.dirty.ratio", List.of("0.01", "0.5", "1"));
        values.put("file.delete.delay.ms", List.of("0", Long.toString(DAY_MS)));
        values.put("message.timestamp.type", List.of("CreateTime", "LogAppendTime"));
        values.put("message.timestamp.before.max.ms", List.of(Long.toString(MINUTE_MS), Long.toString(Long.MAX_VALUE)));
        values.put("message.timestamp.after.max.ms", List.of(Long.toString(MINUTE_MS), Long.toString(Long.MAX_VALUE)));
        return Collections.unmodifiableMap(values);
    }

    private static Map<String, Rule> accepted() {
        Map<String, Rule> rules = new TreeMap<>();
        rules.put("cleanup.policy", list("delete", "compact"));
        rules.put("compression.type", oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"));
        rules.put("compression.gzip.level", integer(-1, 9, "-1 (zlib's default) or 1 to 9", v -> v != 0));
        rules.put("compression.lz4.level", integer(1, 17, "1 to 17", v -> true));
        rules.put("compression.zstd.level", integer(-131072, 22, "-131072 to 22", v -> true));
        rules.put("retention.ms", longOrUnlimited(MINUTE_MS, "-1 (keep for ever) or at least 60000 (one minute)"));
        rules.put("retention.bytes", longOrUnlimited(MIB, "-1 (no size limit) or at least 1048576 (1 MiB)"));
        // Fewer than 1 MiB per segment or one segment per few seconds multiplies the broker's open files.
        rules.put("segment.bytes", integer(MIB, 1024 * MIB, "1048576 (1 MiB) to 1073741824 (1 GiB)", v -> true));
        rules.put("segment.ms", longRange(HOUR_MS, Long.MAX_VALUE, "at least 3600000 (one hour)"));
        rules.put("segment.jitter.ms", longRange(0, DAY_MS, "0 to 86400000 (one day)"));
        // Kafka's default is just over 1 MiB; clients and the platform's own producers assume a few MiB at most.
        rules.put("max.message.bytes", integer(1024, 8 * MIB, "1024 to 8388608 (8 MiB)", v -> true));
        rules.put("min.insync.replicas", integer(1, 32, "1 to 32, and at most the replication factor", v -> true));
        rules.put("delete.retention.ms", longRange(0, Long.MAX_VALUE, "a duration in milliseconds, 0 or more"));
        rules.put("min.compaction.lag.ms", longRange(0, Long.MAX_VALUE, "a duration in milliseconds, 0 or more"));
        // Below a minute the log cleaner would compact the topic without pause.
        rules.put("max.compaction.lag.ms", longRange(MINUTE_MS, Long.MAX_VALUE, "at least 60000 (one minute)"));
        rules.put("min.cleanable.dirty.ratio", ratio(0.01, 1.0, "a number from 0.01 to 1"));
        rules.put("file.delete.delay.ms", longRange(0, DAY_MS, "0 to 86400000 (one day)"));
        rules.put("message.timestamp.type", oneOf("CreateTime", "LogAppendTime"));
        // Below a minute, ordinary clock skew between producers and the broker gets records refused.
        rules.put("message.timestamp.before.max.ms", longRange(MINUTE_MS, Long.MAX_VALUE, "at least 60000 (one minute)"));
        rules.put("message.timestamp.after.max.ms", longRange(MINUTE_MS, Long.MAX_VALUE, "at least 60000 (one minute)"));
        return Collections.unmodifiableMap(rules);
    }

    private static Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        String fsync = "forcing an fsync per record or per interval ruins the broker's throughput; "
                + "durability comes from replication";
        refused.put("flush.messages", fsync);
        refused.put("flush.ms", fsync);
        refused.put("unclean.leader.election.enable", "an out-of-sync replica becoming leader loses acknowledged records");
        String index = "index tuning is broker administration; a wrong value leaves partitions unloadable";
        refused.put("segment.index.bytes", index);
        refused.put("index.interval.bytes", index);
        refused.put("preallocate", "preallocating every segment can fill the broker's disk");
        refused.put("max.decompressed.message.bytes", "decompression limits are broker administration");
        refused.put("message.downconversion.enable", "not supported by Kafka 4");
        String tiered = "tiered storage needs a broker set up for it; it is broker administration";
        for (String key : List.of("remote.storage.enable", "local.retention.ms", "local.retention.bytes",
                "remote.log.copy.disable", "remote.copy.lag.ms", "remote.copy.lag.bytes", "remote.log.delete.on.disable")) {
            refused.put(key, tiered);
        }
        String throttles = "replication throttles are cluster administration";
        refused.put("leader.replication.throttled.replicas", throttles);
        refused.put("follower.replication.throttled.replicas", throttles);
        refused.put("errors.deadletterqueue.group.enable", "share-group dead-letter queues are broker administration");
        return Collections.unmodifiableMap(refused);
    }

    private static Rule oneOf(String... allowed) {
        Set<String> values = new TreeSet<>(List.of(allowed));
        return value -> values.contains(value) ? null : "one of: " + String.join(", ", allowed);
    }

    /** A comma-separated list of distinct values from {@code allowed}. */
    private static Rule list(String... allowed) {
        Set<String> values = Set.of(allowed);
        return value -> {
            Set<String> seen = new TreeSet<>();
            for (String item : value.split(",", -1)) {
                String trimmed = item.trim();
                if (!values.contains(trimmed) || !seen.add(trimmed)) {
                    return "a comma-separated list of: " + String.join(", ", allowed);
                }
            }
            return null;
        };
    }

    private static Rule integer(long min, long max, String range, java.util.function.LongPredicate alsoAllowed) {
        return value -> {
            Long parsed = parseLong(value);
            return parsed == null || parsed < min || parsed > max || !alsoAllowed.test(parsed)
                    ? "an integer: " + range : null;
        };
    }

    private static Rule longRange(long min, long max, String range) {
        return value -> {
            Long parsed = parseLong(value);
            return parsed == null || parsed < min || parsed > max ? "an integer: " + range : null;
        };
    }

    private static Rule longOrUnlimited(long min, String range) {
        return value -> {
            Long parsed = parseLong(value);
            return parsed == null || (parsed != -1 && parsed < min) ? "an integer: " + range : null;
        };
    }

    private static Rule ratio(double min, double max, String range) {
        return value -> {
            if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,6})?")) {
                return range;
            }
            double parsed = Double.parseDouble(value);
            return parsed < min || parsed > max ? range : null;
        };
    }

    /** A plain decimal integer (optional minus sign, no plus, no spaces) that fits a long; else null. */
    private static Long parseLong(String value) {
        if (!value.matches("-?[0-9]{1,19}")) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
