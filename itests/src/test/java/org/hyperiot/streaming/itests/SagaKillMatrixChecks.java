package org.hyperiot.streaming.itests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The saga kill matrix's verdicts on the {@code order} saga of the example participants (SPEC §8):
 * every start answered with one saga, every saga settled in the state its input asks for, every effect
 * in {@code order-effects} written once and exactly for the steps the saga's history says completed or
 * were compensated, and each history well formed. Pure functions of what was read back, so that
 * {@code SagaKillMatrixChecksTest} can show that each catches what it is there to catch.
 */
final class SagaKillMatrixChecks {

    static final String RUNNING = "RUNNING";
    static final String COMPENSATING = "COMPENSATING";
    static final String COMPLETED = "COMPLETED";
    static final String COMPENSATED = "COMPENSATED";
    static final String FAILED_TO_COMPENSATE = "FAILED_TO_COMPENSATE";

    static final String SAGA_STARTED = "SAGA_STARTED";
    static final String STEP_COMPLETED = "STEP_COMPLETED";
    static final String STEP_COMPENSATED = "STEP_COMPENSATED";
    private static final Set<String> TERMINAL_ENTRIES = Set.of("SAGA_COMPLETED", "SAGA_COMPENSATED",
            "SAGA_FAILED_TO_COMPENSATE");

    /** The steps of the order saga, with their action and compensation ({@code null}: none). */
    private static final Map<String, String[]> STEPS = stepsOfTheOrderSaga();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;

    private SagaKillMatrixChecks() {
    }

    private static Map<String, String[]> stepsOfTheOrderSaga() {
        Map<String, String[]> steps = new LinkedHashMap<>();
        steps.put("reserve", new String[] {"reserve", "release"});
        steps.put("charge", new String[] {"charge", "refund"});
        steps.put("notify", new String[] {"confirm", null});
        steps.put("ship", new String[] {"ship", "cancel-shipment"});
        return steps;
    }

    /** An effect of the order saga: a step's action, or its compensation. */
    record Operation(String step, boolean compensation) implements Comparable<Operation> {

        static Operation action(String step) {
            return new Operation(step, false);
        }

        static Operation compensationOf(String step) {
            return new Operation(step, true);
        }

        /** The action or compensation name the participant gives it. */
        String name() {
            return STEPS.get(step)[compensation ? 1 : 0];
        }

        /** The command id the coordinator gives it in a saga: the effect record's key. */
        String commandId(String sagaId) {
            return sagaId + "/" + step + (compensation ? "/compensate/" : "/execute/") + name();
        }

        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return compensation ? step + ":" + name() : step;
        }
    }

    private static final Operation RESERVE = Operation.action("reserve");
    private static final Operation CHARGE = Operation.action("charge");
    private static final Operation NOTIFY = Operation.action("notify");
    private static final Operation SHIP = Operation.action("ship");
    private static final Operation RELEASE = Operation.compensationOf("reserve");
    private static final Operation REFUND = Operation.compensationOf("charge");

    /** The kinds of order the feed starts, each with the input switches it sets and what must come of it. */
    enum OrderKind {
        /** Nothing asked for: every step completes once. */
        PLAIN(COMPLETED, "", Set.of(RESERVE, CHARGE, NOTIFY, SHIP), Set.of()),
        /** {@code failTimes charge 2}: two retry back-offs, then the third attempt of charge succeeds. */
        RETRIED_CHARGE(COMPLETED, ",\"failTimes\":{\"charge\":2}", Set.of(RESERVE, CHARGE, NOTIFY, SHIP), Set.of()),
        /**
         * {@code fail charge}: charge fails for good, the reservation is released; notify ran alongside
         * charge and has nothing to undo, so its confirmation may be there (when it completed).
         */
        FAILED_CHARGE(COMPENSATED, ",\"fail\":\"charge\"", Set.of(RESERVE, RELEASE), Set.of(NOTIFY)),
        /** As {@link #FAILED_CHARGE}, and the release fails once before it succeeds: a compensation retried. */
        FAILED_CHARGE_RELEASE_RETRIED(COMPENSATED, ",\"fail\":\"charge\",\"failCompensation\":{\"release\":1}",
                Set.of(RESERVE, RELEASE), Set.of(NOTIFY)),
        /**
         * {@code fail ship}, and refund fails three times: reserve, charge and notify are done and undone
         * (but notify), with three compensation back-offs (1 s, 2 s and 4 s) on the way, so the saga
         * compensates for several seconds.
         */
        FAILED_SHIP_REFUND_RETRIED(COMPENSATED, ",\"fail\":\"ship\",\"failCompensation\":{\"refund\":3}",
                Set.of(RESERVE, CHARGE, NOTIFY, RELEASE, REFUND), Set.of());

        private final String finalState;
        private final String switches;
        private final Set<Operation> required;
        private final Set<Operation> allowed;

        OrderKind(String finalState, String switches, Set<Operation> required, Set<Operation> optional) {
            this.finalState = finalState;
            this.switches = switches;
            this.required = required;
            Set<Operation> allowed = new HashSet<>(required);
            allowed.addAll(optional);
            this.allowed = Set.copyOf(allowed);
        }

        /** The state the saga must end in. */
        String finalState() {
            return finalState;
        }

        /** The body of {@code POST /sagas} for order {@code n}. */
        String startBody(int n) {
            return "{\"definition\":\"order\",\"input\":{\"orderId\":\"" + orderId(n) + "\",\"amount\":" + n + switches
                    + "}}";
        }

        static String orderId(int n) {
            return "o-" + n;
        }

        /**
         * The attempt each effect must carry, where the input decides it: the third attempt of a charge
         * that fails twice, the fourth of a refund that fails three times (neither has a time limit that a
         * failover could make it miss). A released reservation after one failure is at least the second
         * attempt: a failover may add attempts that time out.
         */
        boolean attemptFits(Operation operation, int attempt) {
            if (this == RETRIED_CHARGE && operation.equals(CHARGE)) {
                return attempt == 3;
            }
            if (this == FAILED_SHIP_REFUND_RETRIED && operation.equals(REFUND)) {
                return attempt == 4;
            }
            if (this == FAILED_CHARGE_RELEASE_RETRIED && operation.equals(RELEASE)) {
                return attempt >= 2;
            }
            return attempt >= 1;
        }
    }

    /** What a check found: a line for the report, and the violations (none when the promise held). */
    record Verdict(String summary, List<String> violations) {
    }

    /**
     * One idempotency key of the feed and what the starts with it were answered.
     *
     * @param ids     every saga id answered to a start with this key (one, when the promise holds)
     * @param refusal the answer that ended the starts without a saga, or {@code null}
     */
    record Start(String key, OrderKind kind, String orderId, Set<String> ids, String refusal) {
    }

    /** One entry of a saga's history as {@code GET /sagas/{id}} shows it. */
    record HistoryEntry(String kind, String step, int attempt, Instant at) {
    }

    /**
     * A saga as a node answers {@code GET /sagas/{id}} once everything settled; {@code state} is
     * {@code null} for a saga no node knows (lost).
     */
    record Saga(String id, String orderId, String state, List<HistoryEntry> history) {

        static Saga parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                List<HistoryEntry> history = new ArrayList<>();
                for (JsonNode entry : node.path("history")) {
                    history.add(new HistoryEntry(entry.path("kind").asText(), entry.path("step").isNull() ? null
                            : entry.path("step").asText(null), entry.path("attempt").asInt(),
                            entry.path("at").isTextual() ? Instant.parse(entry.path("at").asText()) : null));
                }
                return new Saga(node.path("id").asText(), node.path("data").path("orderId").asText(null),
                        node.path("state").asText(), history);
            } catch (Exception e) {
                throw new IllegalArgumentException("not a saga: " + json, e);
            }
        }

        static Saga lost(String id) {
            return new Saga(id, null, null, List.of());
        }

        boolean settled() {
            return COMPLETED.equals(state) || COMPENSATED.equals(state);
        }

        /** When the saga reached its terminal state, by its history. */
        Instant settledAt() {
            if (history.isEmpty() || !TERMINAL_ENTRIES.contains(history.get(history.size() - 1).kind())) {
                return null;
            }
            return history.get(history.size() - 1).at();
        }
    }

    /** A record of {@code order-effects} as a read_committed reader got it. */
    record EffectRecord(String key, String value, int partition, long offset) {
    }

    /** An effect record's value, parsed. */
    private record Effect(EffectRecord record, String sagaId, Operation operation, String orderId, int attempt) {

        static Effect parse(EffectRecord record) {
            try {
                JsonNode node = JSON.readTree(record.value());
                String step = node.path("step").asText();
                boolean compensation = node.path("compensation").asBoolean();
                if (!STEPS.containsKey(step) || !node.path("compensation").isBoolean()
                        || (compensation && STEPS.get(step)[1] == null)) {
                    return null;
                }
                Operation operation = new Operation(step, compensation);
                if (!operation.name().equals(node.path("action").asText())) {
                    return null;
                }
                return new Effect(record, node.path("sagaId").asText(), operation, node.path("orderId").asText(),
                        node.path("attempt").asInt(-1));
            } catch (Exception e) {
                return null;
            }
        }
    }

    /**
     * Check 4: each idempotency key got one saga, whatever was retried where, and the sagas the nodes
     * list are exactly those: as many distinct sagas as keys.
     *
     * @param listed the ids of every saga of the definition as {@code GET /sagas} lists them
     */
    static Verdict starts(List<Start> starts, Set<String> listed) {
        List<String> violations = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        List<String> severalSagas = new ArrayList<>();
        Map<String, String> keyOfId = new HashMap<>();
        List<String> sharedSagas = new ArrayList<>();
        for (Start start : starts) {
            if (start.ids().isEmpty()) {
                unanswered.add(start.key() + ": " + start.refusal());
            } else if (start.ids().size() > 1) {
                severalSagas.add(start.key() + " → " + start.ids());
            }
            for (String id : start.ids()) {
                String other = keyOfId.putIfAbsent(id, start.key());
                if (other != null) {
                    sharedSagas.add(id + " for " + other + " and " + start.key());
                }
            }
        }
        Set<String> notListed = new TreeSet<>(keyOfId.keySet());
        notListed.removeAll(listed);
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(keyOfId.keySet());
        long keys = starts.stream().map(Start::key).distinct().count();
        addIfAny(violations, "starts never answered with a saga", unanswered);
        addIfAny(violations, "idempotency keys answered with more than one saga", severalSagas);
        addIfAny(violations, "sagas answered for more than one idempotency key", sharedSagas);
        addIfAny(violations, "sagas answered to a start but not listed by GET /sagas", new ArrayList<>(notListed));
        addIfAny(violations, "sagas listed by GET /sagas that no start was answered with", new ArrayList<>(unknown));
        if (listed.size() != keys && violations.isEmpty()) {
            violations.add(listed.size() + " sagas listed for " + keys + " idempotency keys");
        }
        return new Verdict(String.format("%,d idempotency keys, %,d distinct sagas answered, %,d listed", keys,
                keyOfId.size(), listed.size()), violations);
    }

    /** Check 2, first half: every effect record is readable, keyed by its command id, and there once. */
    static Verdict duplicates(List<EffectRecord> records) {
        Map<String, List<EffectRecord>> byKey = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        List<String> misKeyed = new ArrayList<>();
        for (EffectRecord record : records) {
            byKey.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>()).add(record);
            Effect effect = Effect.parse(record);
            if (effect == null) {
                unreadable.add(record.key() + " = " + record.value());
            } else if (!effect.operation().commandId(effect.sagaId()).equals(record.key())) {
                misKeyed.add(record.key() + " = " + record.value());
            }
        }
        List<String> repeated = new ArrayList<>();
        byKey.forEach((key, same) -> {
            if (same.size() > 1) {
                repeated.add(key + " ×" + same.size() + " at " + same.stream()
                        .map(r -> r.partition() + "@" + r.offset()).toList());
            }
        });
        List<String> violations = new ArrayList<>();
        addIfAny(violations, "duplicate effects: command ids written more than once", repeated);
        addIfAny(violations, "effect records that are not an order effect", unreadable);
        addIfAny(violations, "effect records not keyed by their command id", misKeyed);
        return new Verdict(String.format("%,d effect records, %,d distinct command ids, %,d duplicates", records.size(),
                byKey.size(), repeated.size()), violations);
    }

    /**
     * Checks 1 and 2: every saga settled in the state its input asks for (none lost, none stuck
     * RUNNING or COMPENSATING, none FAILED_TO_COMPENSATE), with the effects its kind requires and no
     * other, each of the attempt the input decides, for its own order; each action's effect there exactly
     * when the history has the step completed, each compensation's exactly when it has it compensated; and
     * no effect of a saga the feed did not start.
     */
    static Verdict outcomes(List<Start> starts, Map<String, Saga> sagas, List<EffectRecord> records) {
        Map<String, Map<Operation, Effect>> effectsBySaga = new HashMap<>();
        for (EffectRecord record : records) {
            Effect effect = Effect.parse(record);
            if (effect != null) {
                // Repeats are the duplicates check's; the first one stands for the operation here.
                effectsBySaga.computeIfAbsent(effect.sagaId(), s -> new HashMap<>()).putIfAbsent(effect.operation(), effect);
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> notSettled = new ArrayList<>();
        List<String> failedToCompensate = new ArrayList<>();
        List<String> wrongState = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> wrongAttempt = new ArrayList<>();
        List<String> wrongOrder = new ArrayList<>();
        List<String> effectWithoutHistory = new ArrayList<>();
        List<String> historyWithoutEffect = new ArrayList<>();
        Map<String, Integer> byState = new TreeMap<>();
        Set<String> ours = new HashSet<>();
        for (Start start : starts) {
            for (String id : start.ids()) {
                ours.add(id);
                Saga saga = sagas.get(id);
                if (saga == null || saga.state() == null) {
                    lost.add(id + " (" + start.key() + ")");
                    byState.merge("lost", 1, Integer::sum);
                    continue;
                }
                byState.merge(saga.state() + " " + start.kind(), 1, Integer::sum);
                String label = id + " (" + start.kind() + ", " + saga.state() + ")";
                if (saga.state().equals(FAILED_TO_COMPENSATE)) {
                    failedToCompensate.add(label);
                } else if (!saga.settled()) {
                    notSettled.add(label);
                } else if (!saga.state().equals(start.kind().finalState())) {
                    wrongState.add(label + ", expected " + start.kind().finalState());
                }
                if (saga.orderId() != null && !saga.orderId().equals(start.orderId())) {
                    wrongOrder.add(label + ": saga of order " + saga.orderId() + ", started for " + start.orderId());
                }
                Map<Operation, Effect> effects = effectsBySaga.getOrDefault(id, Map.of());
                if (saga.settled()) {
                    Set<Operation> absent = new TreeSet<>(start.kind().required);
                    absent.removeAll(effects.keySet());
                    if (!absent.isEmpty()) {
                        missing.add(label + ": no effect of " + absent);
                    }
                    Set<Operation> extra = new TreeSet<>(effects.keySet());
                    extra.removeAll(start.kind().allowed);
                    if (!extra.isEmpty()) {
                        unexpected.add(label + ": effects of " + extra);
                    }
                }
                for (Effect effect : effects.values()) {
                    if (!start.kind().attemptFits(effect.operation(), effect.attempt())) {
                        wrongAttempt.add(label + ": " + effect.operation() + " applied by attempt " + effect.attempt());
                    }
                    if (!effect.orderId().equals(start.orderId())) {
                        wrongOrder.add(label + ": effect " + effect.operation() + " for order " + effect.orderId());
                    }
                }
                Set<Operation> inHistory = operationsInHistory(saga.history());
                Set<Operation> onlyEffect = new TreeSet<>(effects.keySet());
                onlyEffect.removeAll(inHistory);
                if (!onlyEffect.isEmpty()) {
                    effectWithoutHistory.add(label + ": " + onlyEffect);
                }
                Set<Operation> onlyHistory = new TreeSet<>(inHistory);
                onlyHistory.removeAll(effects.keySet());
                if (!onlyHistory.isEmpty()) {
                    historyWithoutEffect.add(label + ": " + onlyHistory);
                }
            }
        }
        Set<String> strangers = new TreeSet<>(effectsBySaga.keySet());
        strangers.removeAll(ours);
        List<String> violations = new ArrayList<>();
        addIfAny(violations, "sagas lost: answered to a start, unknown to every node", lost);
        addIfAny(violations, "sagas not settled (stuck)", notSettled);
        addIfAny(violations, "sagas FAILED_TO_COMPENSATE, which no input asks for", failedToCompensate);
        addIfAny(violations, "sagas settled in another state than their input asks for", wrongState);
        addIfAny(violations, "settled sagas missing effects (an action or a compensation never applied)", missing);
        addIfAny(violations, "sagas with effects their input rules out", unexpected);
        addIfAny(violations, "effects applied by another attempt than the input decides", wrongAttempt);
        addIfAny(violations, "sagas or effects of the wrong order", wrongOrder);
        addIfAny(violations, "effects whose step the saga's history does not show completed (or compensated)",
                effectWithoutHistory);
        addIfAny(violations, "steps the history shows completed (or compensated) without their effect",
                historyWithoutEffect);
        addIfAny(violations, "effects of sagas the feed never started", new ArrayList<>(strangers));
        return new Verdict("sagas by final state and kind: " + byState, violations);
    }

    /**
     * Check 3: each history starts with SAGA_STARTED and ends with its one terminal entry, which matches
     * the saga's state; a step completes at most once and is compensated at most once, and only after it
     * completed.
     */
    static Verdict histories(List<Saga> sagas) {
        List<String> badStart = new ArrayList<>();
        List<String> badEnd = new ArrayList<>();
        List<String> completedTwice = new ArrayList<>();
        List<String> compensatedTwice = new ArrayList<>();
        List<String> compensatedNotCompleted = new ArrayList<>();
        long entries = 0;
        for (Saga saga : sagas) {
            if (saga.state() == null) {
                continue;
            }
            List<HistoryEntry> history = saga.history();
            entries += history.size();
            String label = saga.id() + " (" + saga.state() + ")";
            if (history.isEmpty() || !history.get(0).kind().equals(SAGA_STARTED)
                    || history.stream().filter(e -> e.kind().equals(SAGA_STARTED)).count() != 1) {
                badStart.add(label + ": " + kinds(history));
            }
            long terminals = history.stream().filter(e -> TERMINAL_ENTRIES.contains(e.kind())).count();
            String last = history.isEmpty() ? null : history.get(history.size() - 1).kind();
            if (terminals != 1 || !("SAGA_" + saga.state()).equals(last)) {
                badEnd.add(label + ": " + terminals + " terminal entries, last " + last);
            }
            Map<String, Integer> completed = new HashMap<>();
            Map<String, Integer> compensated = new HashMap<>();
            // Steps whose latest attempt got no reply: the coordinator compensates them as possibly applied.
            Set<String> unanswered = new HashSet<>();
            for (HistoryEntry entry : history) {
                if (entry.kind().equals("COMMAND_SENT")) {
                    unanswered.remove(entry.step());
                } else if (entry.kind().equals("ATTEMPT_TIMED_OUT") || entry.kind().equals("STEP_ABANDONED")) {
                    unanswered.add(entry.step());
                }
                if (entry.kind().equals(STEP_COMPLETED)) {
                    if (completed.merge(entry.step(), 1, Integer::sum) == 2) {
                        completedTwice.add(label + ": " + entry.step());
                    }
                } else if (entry.kind().equals(STEP_COMPENSATED)) {
                    if (!completed.containsKey(entry.step()) && !unanswered.contains(entry.step())) {
                        compensatedNotCompleted.add(label + ": " + entry.step());
                    }
                    if (compensated.merge(entry.step(), 1, Integer::sum) == 2) {
                        compensatedTwice.add(label + ": " + entry.step());
                    }
                }
            }
        }
        List<String> violations = new ArrayList<>();
        addIfAny(violations, "histories not opened by exactly one SAGA_STARTED", badStart);
        addIfAny(violations, "histories not closed by exactly one terminal entry matching the state", badEnd);
        addIfAny(violations, "steps completed more than once", completedTwice);
        addIfAny(violations, "steps compensated more than once", compensatedTwice);
        addIfAny(violations, "steps compensated without having completed before", compensatedNotCompleted);
        return new Verdict(String.format("%,d histories, %,d entries", sagas.size(), entries), violations);
    }

    /** How many sagas ended in each state, for the report. */
    static Map<String, Integer> byState(Map<String, Saga> sagas) {
        Map<String, Integer> counts = new TreeMap<>();
        sagas.values().forEach(saga -> counts.merge(saga.state() == null ? "lost" : saga.state(), 1, Integer::sum));
        return counts;
    }

    /** Effects per operation, for the report. */
    static Map<String, Integer> byOperation(List<EffectRecord> records) {
        Map<String, Integer> counts = new TreeMap<>();
        for (EffectRecord record : records) {
            Effect effect = Effect.parse(record);
            counts.merge(effect == null ? "unreadable" : effect.operation().name(), 1, Integer::sum);
        }
        return counts;
    }

    private static Set<Operation> operationsInHistory(List<HistoryEntry> history) {
        Set<Operation> operations = new LinkedHashSet<>();
        for (HistoryEntry entry : history) {
            if (entry.step() == null || !STEPS.containsKey(entry.step())) {
                continue;
            }
            if (entry.kind().equals(STEP_COMPLETED)) {
                operations.add(Operation.action(entry.step()));
            } else if (entry.kind().equals(STEP_COMPENSATED)) {
                operations.add(Operation.compensationOf(entry.step()));
            }
        }
        return operations;
    }

    private static List<String> kinds(List<HistoryEntry> history) {
        return history.stream().map(HistoryEntry::kind).toList();
    }

    private static void addIfAny(List<String> violations, String what, List<String> cases) {
        if (!cases.isEmpty()) {
            violations.add(what + " (" + cases.size() + "): " + cases.subList(0, Math.min(SHOWN, cases.size())));
        }
    }

    /** The order kinds, counted, for the report. */
    static Map<OrderKind, Integer> byKind(List<Start> starts) {
        Map<OrderKind, Integer> counts = new EnumMap<>(OrderKind.class);
        starts.forEach(start -> counts.merge(start.kind(), 1, Integer::sum));
        return counts;
    }
}
