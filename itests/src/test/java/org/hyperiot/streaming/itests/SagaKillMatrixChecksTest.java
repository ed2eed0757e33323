package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.itests.SagaKillMatrixChecks.EffectRecord;
import org.hyperiot.streaming.itests.SagaKillMatrixChecks.HistoryEntry;
import org.hyperiot.streaming.itests.SagaKillMatrixChecks.OrderKind;
import org.hyperiot.streaming.itests.SagaKillMatrixChecks.Saga;
import org.hyperiot.streaming.itests.SagaKillMatrixChecks.Start;
import org.hyperiot.streaming.itests.SagaKillMatrixChecks.Verdict;
import org.junit.Test;

/**
 * Each verdict of the saga kill matrix catches the fault it is there for: clean runs of every order
 * kind pass, and a duplicate effect, a missing compensation, a saga stuck RUNNING, a broken history and
 * a key answered with two sagas are each reported.
 */
public class SagaKillMatrixChecksTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    /** One saga of each kind, as a clean run leaves them. */
    private final List<Start> starts = new ArrayList<>();
    private final Map<String, Saga> sagas = new HashMap<>();
    private final List<EffectRecord> effects = new ArrayList<>();

    public SagaKillMatrixChecksTest() {
        completed("s-plain", OrderKind.PLAIN, 1, 1);
        completed("s-retried", OrderKind.RETRIED_CHARGE, 2, 3);
        // Charge fails for good: reserve is released; notify (no compensation) completed alongside.
        saga("s-fail", OrderKind.FAILED_CHARGE, 3, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "COMMAND_SENT reserve", "STEP_COMPLETED reserve", "COMMAND_SENT charge",
                        "COMMAND_SENT notify", "STEP_FAILED charge", "COMPENSATION_STARTED", "STEP_COMPLETED notify",
                        "COMPENSATION_SENT reserve", "STEP_COMPENSATED reserve", "SAGA_COMPENSATED"));
        effect("s-fail", "reserve", false, 3, 1);
        effect("s-fail", "notify", false, 3, 1);
        effect("s-fail", "reserve", true, 3, 1);
        saga("s-fail-release", OrderKind.FAILED_CHARGE_RELEASE_RETRIED, 4, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_FAILED charge", "COMPENSATION_STARTED",
                        "STEP_COMPLETED notify", "COMPENSATION_ATTEMPT_FAILED reserve", "STEP_COMPENSATED reserve",
                        "SAGA_COMPENSATED"));
        effect("s-fail-release", "reserve", false, 4, 1);
        effect("s-fail-release", "notify", false, 4, 1);
        effect("s-fail-release", "reserve", true, 4, 2);
        saga("s-fail-ship", OrderKind.FAILED_SHIP_REFUND_RETRIED, 5, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_COMPLETED charge", "STEP_COMPLETED notify",
                        "STEP_FAILED ship", "COMPENSATION_STARTED", "STEP_COMPENSATED charge", "STEP_COMPENSATED reserve",
                        "SAGA_COMPENSATED"));
        effect("s-fail-ship", "reserve", false, 5, 1);
        effect("s-fail-ship", "charge", false, 5, 1);
        effect("s-fail-ship", "notify", false, 5, 1);
        effect("s-fail-ship", "charge", true, 5, 4);
        effect("s-fail-ship", "reserve", true, 5, 1);
    }

    @Test
    public void aCleanRunOfEveryKindPassesEveryCheck() {
        assertClean(SagaKillMatrixChecks.starts(starts, sagas.keySet()));
        assertClean(SagaKillMatrixChecks.duplicates(effects));
        assertClean(SagaKillMatrixChecks.outcomes(starts, sagas, effects));
        assertClean(SagaKillMatrixChecks.histories(List.copyOf(sagas.values())));
    }

    @Test
    public void aDuplicateEffectIsReported() {
        effects.add(new EffectRecord(effects.get(1).key(), effects.get(1).value(), 0, 999));
        assertViolation(SagaKillMatrixChecks.duplicates(effects), "duplicate effects");
        // The outcome itself looks right: only the duplicates check can see it.
        assertClean(SagaKillMatrixChecks.outcomes(starts, sagas, effects));
    }

    @Test
    public void aMissingCompensationIsReported() {
        effects.removeIf(record -> record.key().equals("s-fail/reserve/compensate/release"));
        assertViolations(SagaKillMatrixChecks.outcomes(starts, sagas, effects), "missing effects",
                "without their effect");
    }

    @Test
    public void aSagaStuckRunningIsReported() {
        saga("s-stuck", OrderKind.PLAIN, 6, SagaKillMatrixChecks.RUNNING,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "COMMAND_SENT charge", "COMMAND_SENT notify"));
        effect("s-stuck", "reserve", false, 6, 1);
        assertViolation(SagaKillMatrixChecks.outcomes(starts, sagas, effects), "not settled (stuck)");
        assertViolation(SagaKillMatrixChecks.histories(List.copyOf(sagas.values())), "not closed by exactly one terminal");
    }

    @Test
    public void aLostSagaAndOneFailedToCompensateAreReported() {
        sagas.put("s-plain", Saga.lost("s-plain"));
        effects.removeIf(record -> record.key().startsWith("s-plain/"));
        assertViolation(SagaKillMatrixChecks.outcomes(starts, sagas, effects), "sagas lost");

        SagaKillMatrixChecksTest clean = new SagaKillMatrixChecksTest();
        clean.saga("s-fail", OrderKind.FAILED_CHARGE, 3, SagaKillMatrixChecks.FAILED_TO_COMPENSATE,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_FAILED charge", "COMPENSATION_STARTED",
                        "STEP_COMPLETED notify", "COMPENSATION_FAILED reserve", "SAGA_FAILED_TO_COMPENSATE"));
        clean.effects.removeIf(record -> record.key().equals("s-fail/reserve/compensate/release"));
        assertViolation(SagaKillMatrixChecks.outcomes(clean.starts, clean.sagas, clean.effects), "FAILED_TO_COMPENSATE");
    }

    @Test
    public void effectsTheInputRulesOutAndWrongAttemptsAreReported() {
        // A charge applied for an order whose charge must fail, with its history saying so.
        saga("s-fail", OrderKind.FAILED_CHARGE, 3, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_COMPLETED charge", "STEP_COMPLETED notify",
                        "STEP_COMPENSATED reserve", "SAGA_COMPENSATED"));
        effect("s-fail", "charge", false, 3, 1);
        assertViolation(SagaKillMatrixChecks.outcomes(starts, sagas, effects), "rules out");

        SagaKillMatrixChecksTest other = new SagaKillMatrixChecksTest();
        other.effects.removeIf(record -> record.key().equals("s-retried/charge/execute/charge"));
        other.effect("s-retried", "charge", false, 2, 4);
        assertViolation(SagaKillMatrixChecks.outcomes(other.starts, other.sagas, other.effects), "another attempt");
    }

    @Test
    public void anEffectTheHistoryDoesNotShowIsReported() {
        // The release was written, but the saga never recorded the reservation as released.
        saga("s-fail", OrderKind.FAILED_CHARGE, 3, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_FAILED charge", "COMPENSATION_STARTED",
                        "STEP_COMPLETED notify", "SAGA_COMPENSATED"));
        assertViolation(SagaKillMatrixChecks.outcomes(starts, sagas, effects), "does not show completed");
        effects.add(new EffectRecord("nobody/reserve/execute/reserve", effectValue("nobody", "reserve", false, 9, 1), 0, 1));
        assertViolations(SagaKillMatrixChecks.outcomes(starts, sagas, effects), "does not show completed",
                "never started");
    }

    @Test
    public void brokenHistoriesAreReported() {
        saga("s-plain", OrderKind.PLAIN, 1, SagaKillMatrixChecks.COMPLETED,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_COMPLETED reserve", "STEP_COMPLETED charge",
                        "STEP_COMPLETED notify", "STEP_COMPLETED ship", "SAGA_COMPLETED"));
        assertViolation(SagaKillMatrixChecks.histories(List.copyOf(sagas.values())), "completed more than once");

        saga("s-plain", OrderKind.PLAIN, 1, SagaKillMatrixChecks.COMPLETED,
                entries("SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_COMPLETED charge", "STEP_COMPLETED notify",
                        "STEP_COMPLETED ship", "SAGA_COMPLETED", "STEP_COMPLETED ship"));
        assertViolations(SagaKillMatrixChecks.histories(List.copyOf(sagas.values())), "not closed by exactly one",
                "completed more than once");

        saga("s-plain", OrderKind.PLAIN, 1, SagaKillMatrixChecks.COMPLETED,
                entries("COMMAND_SENT reserve", "SAGA_STARTED", "STEP_COMPLETED reserve", "STEP_COMPLETED charge",
                        "STEP_COMPLETED notify", "STEP_COMPLETED ship", "SAGA_COMPLETED"));
        assertViolation(SagaKillMatrixChecks.histories(List.copyOf(sagas.values())), "not opened by exactly one");

        SagaKillMatrixChecksTest other = new SagaKillMatrixChecksTest();
        other.saga("s-fail", OrderKind.FAILED_CHARGE, 3, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "STEP_FAILED charge", "COMPENSATION_STARTED", "STEP_COMPENSATED reserve",
                        "STEP_COMPLETED notify", "STEP_COMPLETED reserve", "SAGA_COMPENSATED"));
        assertViolation(SagaKillMatrixChecks.histories(List.copyOf(other.sagas.values())),
                "compensated without having completed before");

        // A step whose last attempt timed out is compensated as possibly applied: not a violation.
        SagaKillMatrixChecksTest timedOut = new SagaKillMatrixChecksTest();
        timedOut.saga("s-fail", OrderKind.FAILED_CHARGE, 3, SagaKillMatrixChecks.COMPENSATED,
                entries("SAGA_STARTED", "COMMAND_SENT reserve", "ATTEMPT_TIMED_OUT reserve", "COMPENSATION_STARTED",
                        "STEP_COMPENSATED reserve", "SAGA_COMPENSATED"));
        assertClean(SagaKillMatrixChecks.histories(List.copyOf(timedOut.sagas.values())));
    }

    @Test
    public void aKeyAnsweredWithTwoSagasOrAnUnknownListedSagaIsReported() {
        starts.set(0, new Start(starts.get(0).key(), OrderKind.PLAIN, "o-1", Set.of("s-plain", "s-plain-2"), null));
        assertViolations(SagaKillMatrixChecks.starts(starts, sagas.keySet()), "more than one saga",
                "not listed by GET /sagas");

        SagaKillMatrixChecksTest other = new SagaKillMatrixChecksTest();
        Set<String> listed = new HashSet<>(other.sagas.keySet());
        listed.add("s-extra");
        assertViolation(SagaKillMatrixChecks.starts(other.starts, listed), "no start was answered with");

        SagaKillMatrixChecksTest unanswered = new SagaKillMatrixChecksTest();
        unanswered.starts.add(new Start("k-7", OrderKind.PLAIN, "o-7", Set.of(), "422 INVALID"));
        assertViolation(SagaKillMatrixChecks.starts(unanswered.starts, unanswered.sagas.keySet()), "never answered");
    }

    @Test
    public void effectRecordsThatAreNoOrderEffectOrMisKeyedAreReported() {
        effects.add(new EffectRecord("s-plain/x", "not json", 0, 100));
        effects.add(new EffectRecord("s-plain/ship/execute/other", effectValue("s-plain", "ship", false, 1, 1), 0, 101));
        assertViolations(SagaKillMatrixChecks.duplicates(effects), "not an order effect", "not keyed by their command id");
    }

    private void completed(String id, OrderKind kind, int n, int chargeAttempt) {
        saga(id, kind, n, SagaKillMatrixChecks.COMPLETED,
                entries("SAGA_STARTED", "COMMAND_SENT reserve", "STEP_COMPLETED reserve", "COMMAND_SENT charge",
                        "COMMAND_SENT notify", "STEP_COMPLETED notify", "STEP_COMPLETED charge", "COMMAND_SENT ship",
                        "STEP_COMPLETED ship", "SAGA_COMPLETED"));
        effect(id, "reserve", false, n, 1);
        effect(id, "charge", false, n, chargeAttempt);
        effect(id, "notify", false, n, 1);
        effect(id, "ship", false, n, 1);
    }

    private void saga(String id, OrderKind kind, int n, String state, List<HistoryEntry> history) {
        if (starts.stream().noneMatch(start -> start.ids().contains(id))) {
            starts.add(new Start("key-" + id, kind, OrderKind.orderId(n), Set.of(id), null));
        }
        sagas.put(id, new Saga(id, OrderKind.orderId(n), state, history));
    }

    private void effect(String sagaId, String step, boolean compensation, int n, int attempt) {
        SagaKillMatrixChecks.Operation operation = new SagaKillMatrixChecks.Operation(step, compensation);
        effects.add(new EffectRecord(operation.commandId(sagaId), effectValue(sagaId, step, compensation, n, attempt), 0,
                effects.size()));
    }

    private static String effectValue(String sagaId, String step, boolean compensation, int n, int attempt) {
        String action = new SagaKillMatrixChecks.Operation(step, compensation).name();
        return "{\"sagaId\":\"" + sagaId + "\",\"step\":\"" + step + "\",\"participant\":\"p\",\"action\":\"" + action
                + "\",\"compensation\":" + compensation + ",\"orderId\":\"" + OrderKind.orderId(n) + "\",\"amount\":" + n
                + ",\"attempt\":" + attempt + "}";
    }

    /** History entries from "KIND" or "KIND step", a second apart. */
    private static List<HistoryEntry> entries(String... lines) {
        List<HistoryEntry> history = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            history.add(new HistoryEntry(parts[0], parts.length > 1 ? parts[1] : null, 1, T0.plusSeconds(history.size())));
        }
        return history;
    }

    private static void assertClean(Verdict verdict) {
        assertEquals(verdict.summary(), List.of(), verdict.violations());
    }

    private static void assertViolation(Verdict verdict, String expected) {
        assertViolations(verdict, expected);
    }

    /** Exactly these violations, in this order, each recognised by a part of its text. */
    private static void assertViolations(Verdict verdict, String... expected) {
        assertEquals(verdict.violations().toString(), expected.length, verdict.violations().size());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(verdict.violations().get(i), verdict.violations().get(i).contains(expected[i]));
        }
    }
}
