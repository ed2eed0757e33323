package org.hyperiot.streaming.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionFormat;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.api.saga.SagaStepStatus;
import org.hyperiot.streaming.api.saga.SagaSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON bodies of the saga routes (SPEC §6 and §8), written out here rather than serialising the
 * saga API's records, so that the wire format is the contract's and stays put when the Java API grows:
 * states and history kinds as their upper-case names, times as ISO-8601 instants, definitions exactly
 * as the coordinator's {@link SagaDefinitionFormat} writes them.
 */
final class SagaViews {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SagaViews() {
    }

    /** One line of {@code GET /sagas}. */
    public record Item(String id, String definition, SagaState state, String createdAt, String updatedAt,
            String error) {
    }

    /** {@code GET /sagas}: a page, and the token of the next one ({@code null} on the last). */
    public record Page(List<Item> sagas, String nextPageToken) {
    }

    /** {@code GET /sagas/{id}}, and the body of {@code POST /sagas}. */
    public record Saga(String id, String definition, SagaState state, Map<String, Object> data, List<Step> steps,
            List<HistoryEntry> history, String createdAt, String updatedAt, String deadline, String error) {
    }

    /** One step of a {@link Saga}. */
    public record Step(String name, String participant, SagaStepState state, int attempts, int compensationAttempts,
            String lastError) {
    }

    /** One entry of a saga's history; {@code step} is null for the saga as a whole, {@code attempt} 0 for none. */
    public record HistoryEntry(String at, SagaHistoryEntry.Kind kind, String step, int attempt, String detail) {
    }

    /** The body of a 202 from cancel, retry and skip: what was recorded. */
    public record Accepted(String saga, String action) {
    }

    static Item item(SagaSummary summary) {
        return new Item(summary.id(), summary.definition(), summary.state(), instant(summary.createdAt()),
                instant(summary.updatedAt()), summary.error());
    }

    static Page page(SagaPage page) {
        return new Page(page.sagas().stream().map(SagaViews::item).toList(), page.nextPageToken());
    }

    static Saga saga(SagaInfo saga) {
        return new Saga(saga.id(), saga.definition(), saga.state(), saga.data() == null ? Map.of() : saga.data(),
                saga.steps().stream().map(SagaViews::step).toList(),
                saga.history().stream().map(SagaViews::historyEntry).toList(), instant(saga.createdAt()),
                instant(saga.updatedAt()), instant(saga.deadline()), saga.error());
    }

    private static Step step(SagaStepStatus step) {
        return new Step(step.name(), step.participant(), step.state(), step.attempts(), step.compensationAttempts(),
                step.lastError());
    }

    private static HistoryEntry historyEntry(SagaHistoryEntry entry) {
        return new HistoryEntry(instant(entry.at()), entry.kind(), entry.step(), entry.attempt(), entry.detail());
    }

    /** The definition as the same JSON document a client posts, in the coordinator's own words. */
    static JsonNode definition(SagaDefinitionFormat format, SagaDefinition definition) {
        try {
            return MAPPER.readTree(format.write(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the saga definition format wrote unreadable JSON", e);
        }
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
