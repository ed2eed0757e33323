package org.hyperiot.streaming.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaMetrics;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaNotFoundException;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.api.saga.SagaStepStatus;
import org.hyperiot.streaming.api.saga.SagaSummary;
import org.hyperiot.streaming.api.saga.StartedSaga;

/**
 * Sagas in a map, with the coordinator's contract but none of its work: a started saga stays
 * {@link SagaState#RUNNING} with its steps pending; cancel, retry and skip check the state as the
 * coordinator does and move the saga to {@link SagaState#COMPENSATING}. Ids are UUIDs counted from 1,
 * creation times one minute apart from {@link #EPOCH}; page tokens are tied to their filter. Every call
 * is recorded in {@link #calls}; {@link #failure} makes the next call fail.
 */
public final class InMemorySagaCoordinator implements SagaCoordinator {

    public static final Instant EPOCH = Instant.parse("2026-12-06T10:00:00Z");

    private final InMemorySagaDefinitionRegistry definitions;
    private final Map<String, SagaInfo> sagas = new LinkedHashMap<>();
    private final Map<String, String> byKey = new HashMap<>();
    private long counter;

    /** Every call, as {@code "<method> <argument> …"}. */
    public final List<String> calls = new ArrayList<>();
    /** When set, the next call fails with it. */
    public RuntimeException failure;

    public InMemorySagaCoordinator(InMemorySagaDefinitionRegistry definitions) {
        this.definitions = definitions;
    }

    /** The id the n-th saga gets. */
    public static String id(long n) {
        return new UUID(0, n).toString();
    }

    /** Puts a saga of the definition in the given state, as another node would have started it; returns its id. */
    public String existing(SagaDefinition definition, SagaState state, String error) {
        SagaInfo saga = created(definition, Map.of("orderId", "o-" + (counter + 1)));
        saga = new SagaInfo(saga.id(), saga.definition(), state, saga.data(), saga.steps(), saga.history(),
                saga.createdAt(), saga.updatedAt(), saga.deadline(), error);
        sagas.put(saga.id(), saga);
        return saga.id();
    }

    /** Replaces a saga as it is kept, for tests that need one in a particular shape. */
    public void put(SagaInfo saga) {
        sagas.put(saga.id(), saga);
    }

    @Override
    public StartedSaga start(String definitionName,
            Map<String, Object> input, String idempotencyKey) {
        record("start " + definitionName + " key=" + idempotencyKey + " input=" + input);
        if (idempotencyKey != null && idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("an idempotency key has at most 200 characters");
        }
        if (idempotencyKey != null && byKey.containsKey(idempotencyKey)) {
            return new StartedSaga(sagas.get(byKey.get(idempotencyKey)), false);
        }
        SagaDefinition definition = definitions.find(definitionName);
        SagaInfo saga = created(definition, input);
        sagas.put(saga.id(), saga);
        if (idempotencyKey != null) {
            byKey.put(idempotencyKey, saga.id());
        }
        return new StartedSaga(saga, true);
    }

    @Override
    public SagaInfo get(String sagaId) {
        record("get " + sagaId);
        return find(sagaId);
    }

    @Override
    public SagaPage list(SagaFilter filter, String pageToken, int limit) {
        record("list " + filter + " token=" + pageToken + " limit=" + limit);
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        String prefix = "p" + Integer.toHexString(filter.hashCode()) + "-";
        int offset = 0;
        if (pageToken != null) {
            if (!pageToken.startsWith(prefix)) {
                throw new IllegalArgumentException("not a page token of this filter: " + pageToken);
            }
            try {
                offset = Integer.parseInt(pageToken.substring(prefix.length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a page token: " + pageToken);
            }
        }
        List<SagaSummary> kept = sagas.values().stream().map(SagaInfo::summary).filter(filter::matches)
                .sorted(Comparator.comparing(SagaSummary::createdAt).reversed().thenComparing(SagaSummary::id))
                .toList();
        int end = Math.min(kept.size(), offset + limit);
        List<SagaSummary> page = offset >= kept.size() ? List.of() : kept.subList(offset, end);
        return new SagaPage(page, end < kept.size() ? prefix + end : null);
    }

    @Override
    public void cancel(String sagaId) {
        record("cancel " + sagaId);
        SagaInfo saga = find(sagaId);
        if (saga.state() != SagaState.RUNNING) {
            throw new IllegalSagaStateException(sagaId, saga.state(), "cancel", "only a RUNNING saga can be cancelled");
        }
        move(saga, Kind.CANCEL_REQUESTED, "cancelled by an operator");
    }

    @Override
    public void retry(String sagaId) {
        record("retry " + sagaId);
        operatorOnFailedCompensation(find(sagaId), "retry", Kind.OPERATOR_RETRY);
    }

    @Override
    public void skip(String sagaId) {
        record("skip " + sagaId);
        operatorOnFailedCompensation(find(sagaId), "skip", Kind.COMPENSATION_SKIPPED);
    }

    /** Counts the sagas held by definition and state; the coordinator's own counters are fixed test values. */
    @Override
    public SagaMetrics metrics() {
        Map<String, Map<SagaState, Long>> counts = new java.util.HashMap<>();
        list(SagaFilter.all(), null, Integer.MAX_VALUE).sagas().forEach(saga -> counts
                .computeIfAbsent(saga.definition(), name -> new java.util.EnumMap<>(SagaState.class))
                .merge(saga.state(), 1L, Long::sum));
        return new SagaMetrics(counts, 12, 2, 3, 1, 8, 40, 250, 6);
    }

    private void operatorOnFailedCompensation(SagaInfo saga, String request, Kind kind) {
        if (saga.state() != SagaState.FAILED_TO_COMPENSATE) {
            throw new IllegalSagaStateException(saga.id(), saga.state(), request,
                    "only a saga in FAILED_TO_COMPENSATE can be " + (request.equals("retry") ? "retried" : "skipped"));
        }
        move(saga, kind, saga.error());
    }

    private void move(SagaInfo saga, Kind kind, String error) {
        List<SagaHistoryEntry> history = new ArrayList<>(saga.history());
        Instant now = saga.updatedAt().plusSeconds(1);
        history.add(new SagaHistoryEntry(now, kind, null, 0, null));
        sagas.put(saga.id(), new SagaInfo(saga.id(), saga.definition(), SagaState.COMPENSATING, saga.data(),
                saga.steps(), history, saga.createdAt(), now, saga.deadline(), error));
    }

    private SagaInfo created(SagaDefinition definition, Map<String, Object> input) {
        counter++;
        Instant at = EPOCH.plusSeconds(60 * counter);
        List<SagaStepStatus> steps = definition.steps().stream()
                .map(step -> new SagaStepStatus(step.name(), step.participant(), SagaStepState.PENDING, 0, 0, null))
                .toList();
        Instant deadline = at.plus(definition.timeout());
        return new SagaInfo(id(counter), definition.name(), SagaState.RUNNING, input, steps,
                List.of(new SagaHistoryEntry(at, Kind.SAGA_STARTED, null, 0, "deadline " + deadline)), at, at,
                deadline, null);
    }

    private SagaInfo find(String sagaId) {
        SagaInfo saga = sagas.get(sagaId);
        if (saga == null) {
            throw new SagaNotFoundException(sagaId);
        }
        return saga;
    }

    private void record(String call) {
        RuntimeException pending = failure;
        if (pending != null) {
            failure = null;
            throw pending;
        }
        calls.add(call);
    }
}
