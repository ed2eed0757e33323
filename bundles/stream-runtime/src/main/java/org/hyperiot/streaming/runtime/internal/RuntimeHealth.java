package org.hyperiot.streaming.runtime.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.kafka.support.TopicVerdict;

/**
 * The health of this node's stream runtime, read from the last checks of its two topics: nothing
 * here asks Kafka. The runtime is up once both topics have been checked and may be used; it is down
 * while either has not been checked yet (Kafka has not answered) or was found unfit.
 *
 * @param definitions the last verdict on the definitions topic
 * @param statuses    the last verdict on the status topic
 */
record RuntimeHealth(TopicVerdict definitions, TopicVerdict statuses) {

    /** The component's name in {@code GET /health}. */
    static final String COMPONENT = "streamRuntime";

    /** What is wrong with the topics found unfit, with what to do; empty if none is. */
    Optional<String> unfit() {
        String reasons = both().filter(v -> v.outcome() == TopicVerdict.Outcome.UNFIT).map(TopicVerdict::reason)
                .collect(Collectors.joining(" "));
        return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons);
    }

    /** Why this node may not start streams now: a topic unfit, or not checked yet; empty if it may. */
    Optional<String> notReady() {
        Optional<String> unfit = unfit();
        if (unfit.isPresent()) {
            return unfit;
        }
        List<String> unchecked = both().filter(v -> v.outcome() == TopicVerdict.Outcome.UNCHECKED)
                .map(TopicVerdict::topic).toList();
        return unchecked.isEmpty() ? Optional.empty() : Optional.of("this node has not been able to check "
                + String.join(" and ", unchecked) + " yet: Kafka has not answered so far");
    }

    /** The component as {@code GET /health} shows it. */
    ComponentHealth component() {
        Map<String, String> details = new LinkedHashMap<>();
        describe(details, "definitionsTopic", definitions);
        describe(details, "statusTopic", statuses);
        Instant checkedAt = definitions.checkedAt().isAfter(statuses.checkedAt()) ? definitions.checkedAt()
                : statuses.checkedAt();
        Optional<String> notReady = notReady();
        return notReady.isPresent() ? ComponentHealth.down(notReady.get(), details, checkedAt)
                : ComponentHealth.up(details, checkedAt);
    }

    private static void describe(Map<String, String> details, String key, TopicVerdict verdict) {
        details.put(key, verdict.topic());
        details.put(key + "Check", verdict.outcome().name().toLowerCase(Locale.ROOT));
        if (verdict.outcome() == TopicVerdict.Outcome.UNVERIFIED) {
            details.put(key + "Warning", verdict.reason());
        }
    }

    private Stream<TopicVerdict> both() {
        return Stream.of(definitions, statuses);
    }
}
