package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaSummary;
import org.hyperiot.streaming.api.saga.StartedSaga;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The saga coordinator in a stock Karaf with the saga feature, against a real broker: participants are
 * services this test registers, so each test decides how they answer and counts what reached them.
 * Every test uses its own definition and participant names, so the tests share the coordinator but no
 * saga.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SagaCoordinatorIT extends StreamingKarafTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    private BundleContext bundleContext;

    @Inject
    @Filter(timeout = 120_000)
    private SagaCoordinator sagas;

    @Inject
    @Filter(timeout = 120_000)
    private SagaDefinitionRegistry definitions;

    @Override
    protected String feature() {
        return "hyperiot-streaming-saga";
    }

    @Test
    public void sagasCompleteWithEachActionReachingItsParticipantOnceAndTheOutputsMerged() throws Exception {
        String prefix = unique("ok");
        Recording reserve = new Recording(command -> SagaReply.success(Map.of("reservation", "r-" + command.sagaId())));
        Recording charge = new Recording(command -> SagaReply.success(Map.of("payment", "p-" + command.data().get("reservation"))));
        Recording ship = new Recording(command -> SagaReply.success());
        SagaDefinition definition = SagaDefinition.builder(prefix)
                .step(prefix + "-reserve", prefix + "-inventory", "reserve", "release")
                .step(prefix + "-charge", prefix + "-payments", "charge", "refund")
                .step(prefix + "-ship", prefix + "-shipping", "ship")
                .build();
        definitions.create(definition);
        List<ServiceRegistration<?>> registrations = List.of(register(prefix + "-inventory", reserve),
                register(prefix + "-payments", charge), register(prefix + "-shipping", ship));
        try {
            int count = 30;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StartedSaga started = sagas.start(prefix, Map.of("order", i), null);
                assertTrue(started.created());
                ids.add(started.saga().id());
            }
            Eventually.within(WAIT, () -> ids.forEach(id -> assertEquals(SagaState.COMPLETED, sagas.get(id).state())));
            for (String id : ids) {
                SagaInfo saga = sagas.get(id);
                assertEquals("r-" + id, saga.data().get("reservation"));
                assertEquals("p-r-" + id, saga.data().get("payment"));
            }
            for (Recording participant : List.of(reserve, charge, ship)) {
                assertEquals(count, participant.executions());
                assertEquals("each command reached its participant once", count, participant.distinctCommands());
            }
            assertEquals("no compensation ran", 0, reserve.compensations() + charge.compensations());
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    public void aStepThatFailsForGoodCompensatesTheCompletedStepsInReverseOrder() throws Exception {
        String prefix = unique("comp");
        ConcurrentLinkedQueue<String> compensations = new ConcurrentLinkedQueue<>();
        Function<String, Recording> compensable = step -> new Recording(command -> {
            if (command.compensation()) {
                compensations.add(step);
            }
            return SagaReply.success();
        });
        Recording first = compensable.apply("first");
        Recording second = compensable.apply("second");
        Recording failing = new Recording(command -> SagaReply.finalFailure("CARD_DECLINED", "declined by the test"));
        SagaDefinition definition = SagaDefinition.builder(prefix)
                .step(prefix + "-first", prefix + "-a", "do", "undo")
                .step(prefix + "-second", prefix + "-b", "do", "undo")
                .step(prefix + "-third", prefix + "-c", "do", "undo")
                .build();
        definitions.create(definition);
        List<ServiceRegistration<?>> registrations = List.of(register(prefix + "-a", first),
                register(prefix + "-b", second), register(prefix + "-c", failing));
        try {
            String id = sagas.start(prefix, Map.of(), null).saga().id();
            Eventually.within(WAIT, () -> assertEquals(SagaState.COMPENSATED, sagas.get(id).state()));
            assertEquals(List.of("second", "first"), List.copyOf(compensations));
            assertEquals("the failed step is not compensated: its action applied nothing", 0, failing.compensations());
            SagaInfo saga = sagas.get(id);
            assertTrue(saga.error(), saga.error().contains("CARD_DECLINED"));
            List<String> compensatedSteps = saga.history().stream()
                    .filter(entry -> entry.kind() == SagaHistoryEntry.Kind.STEP_COMPENSATED)
                    .map(SagaHistoryEntry::step).toList();
            assertEquals(List.of(prefix + "-second", prefix + "-first"), compensatedSteps);
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    public void aCompensationThatFailsForGoodIsListedAndAnOperatorRetryCompletesItOnceTheParticipantRecovers()
            throws Exception {
        String prefix = unique("ftc");
        Map<String, Boolean> broken = new ConcurrentHashMap<>(Map.of("release", true));
        Recording inventory = new Recording(command -> command.compensation() && broken.get("release")
                ? SagaReply.retryableFailure("WAREHOUSE_OFFLINE", "the warehouse does not answer")
                : SagaReply.success());
        Recording payments = new Recording(command -> SagaReply.finalFailure("CARD_DECLINED", "declined"));
        RetryPolicy quick = new RetryPolicy(Duration.ofMillis(100), 2.0, Duration.ofMillis(400), 3, Set.of());
        SagaDefinition definition = SagaDefinition.builder(prefix)
                .step(new SagaStep(prefix + "-reserve", prefix + "-inventory", "reserve", "release", Duration.ofSeconds(10), quick))
                .step(prefix + "-charge", prefix + "-payments", "charge", "refund")
                .build();
        definitions.create(definition);
        List<ServiceRegistration<?>> registrations = List.of(register(prefix + "-inventory", inventory),
                register(prefix + "-payments", payments));
        try {
            String id = sagas.start(prefix, Map.of(), null).saga().id();
            Eventually.within(WAIT, () -> assertEquals(SagaState.FAILED_TO_COMPENSATE, sagas.get(id).state()));
            assertEquals("the round's three attempts", 3, inventory.compensations());
            List<String> listed = sagas.list(SagaFilter.all().withState(SagaState.FAILED_TO_COMPENSATE)
                    .withDefinition(prefix), null, 10).sagas().stream().map(SagaSummary::id).toList();
            assertEquals(List.of(id), listed);

            broken.put("release", false);
            sagas.retry(id);
            Eventually.within(WAIT, () -> assertEquals(SagaState.COMPENSATED, sagas.get(id).state()));
            assertEquals(4, inventory.compensations());
            assertEquals("the compensation applied once", 1, inventory.successfulCompensations());
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    public void aStepWhoseParticipantNeverAnswersTimesOutIsRetriedAndIsCompensatedAsPossiblyApplied() throws Exception {
        String prefix = unique("tmo");
        Recording inventory = new Recording(command -> SagaReply.success());
        Recording payments = new Recording(command -> SagaReply.success());
        RetryPolicy twice = new RetryPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 2, Set.of());
        SagaDefinition definition = SagaDefinition.builder(prefix)
                .step(prefix + "-reserve", prefix + "-inventory", "reserve", "release")
                // No participant of this name is registered yet: its commands wait, and the timeout decides.
                .step(new SagaStep(prefix + "-charge", prefix + "-payments", "charge", "refund", Duration.ofSeconds(2), twice))
                .build();
        definitions.create(definition);
        ServiceRegistration<?> registration = register(prefix + "-inventory", inventory);
        ServiceRegistration<?> late = null;
        try {
            long started = System.nanoTime();
            String id = sagas.start(prefix, Map.of(), null).saga().id();
            // The charge got no reply, so it may have been made: its refund is owed, and nobody answers
            // that either.
            Eventually.within(WAIT, () -> assertEquals(SagaState.FAILED_TO_COMPENSATE, sagas.get(id).state()));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue("two attempts of 2 s and a back-off, then the refund's: " + tookMs + " ms", tookMs >= 8000);
            SagaInfo stuck = sagas.get(id);
            assertEquals(2, stuck.history().stream().filter(e -> e.kind() == SagaHistoryEntry.Kind.ATTEMPT_TIMED_OUT).count());
            assertEquals(0, inventory.compensations());

            // The payments participant comes (late) and an operator retries: the refund runs, then the release.
            late = register(prefix + "-payments", payments);
            Eventually.within(WAIT, () -> {
                if (sagas.get(id).state() == SagaState.FAILED_TO_COMPENSATE) {
                    sagas.retry(id);
                }
                assertEquals(SagaState.COMPENSATED, sagas.get(id).state());
            });
            assertEquals("the charges were past their deadline when the participant came", 0, payments.executions());
            assertEquals(1, payments.compensations());
            assertEquals(1, inventory.compensations());
        } finally {
            registration.unregister();
            if (late != null) {
                late.unregister();
            }
        }
    }

    @Test
    public void theSameIdempotencyKeyStartsOneSagaAndReturnsItAgain() throws Exception {
        String prefix = unique("idem");
        Recording inventory = new Recording(command -> SagaReply.success());
        definitions.create(SagaDefinition.builder(prefix).step(prefix + "-reserve", prefix + "-inventory", "reserve").build());
        ServiceRegistration<?> registration = register(prefix + "-inventory", inventory);
        try {
            String key = "order-" + UUID.randomUUID();
            StartedSaga first = sagas.start(prefix, Map.of("n", 1), key);
            StartedSaga second = sagas.start(prefix, Map.of("n", 2), key);
            assertTrue(first.created());
            assertFalse(second.created());
            assertEquals(first.saga().id(), second.saga().id());
            Eventually.within(WAIT, () -> assertEquals(SagaState.COMPLETED, sagas.get(first.saga().id()).state()));
            StartedSaga third = sagas.start(prefix, Map.of("n", 3), key);
            assertFalse(third.created());
            assertEquals(1L, ((Number) sagas.get(first.saga().id()).data().get("n")).longValue());
            assertEquals(1, inventory.executions());
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void sagasWaitWhileTheirParticipantIsGoneAndCarryOnWhenItComesBack() throws Exception {
        String prefix = unique("away");
        Recording inventory = new Recording(command -> SagaReply.success());
        Recording payments = new Recording(command -> SagaReply.success());
        definitions.create(SagaDefinition.builder(prefix)
                .step(prefix + "-reserve", prefix + "-inventory", "reserve", "release")
                .step(prefix + "-charge", prefix + "-payments", "charge", "refund")
                .build());
        ServiceRegistration<?> inventoryRegistration = register(prefix + "-inventory", inventory);
        ServiceRegistration<?> paymentsRegistration = register(prefix + "-payments", payments);
        try {
            List<String> before = startMany(prefix, 10);
            Eventually.within(WAIT, () -> before.forEach(id -> assertEquals(SagaState.COMPLETED, sagas.get(id).state())));
            paymentsRegistration.unregister();
            paymentsRegistration = null;
            List<String> during = startMany(prefix, 10);
            Eventually.within(WAIT, () -> assertEquals(20, inventory.executions()));
            // Each has sent its charge, which nobody takes: from there it can only wait.
            Eventually.within(WAIT, () -> during.forEach(id -> assertTrue(id + " has not sent its charge",
                    sagas.get(id).history().stream().anyMatch(entry -> entry.kind() == SagaHistoryEntry.Kind.COMMAND_SENT
                            && (prefix + "-charge").equals(entry.step())))));
            during.forEach(id -> assertEquals("waits for payments", SagaState.RUNNING, sagas.get(id).state()));
            paymentsRegistration = register(prefix + "-payments", payments);
            Eventually.within(WAIT, () -> during.forEach(id -> assertEquals(SagaState.COMPLETED, sagas.get(id).state())));
            assertEquals(20, payments.distinctCommands());
            assertEquals(20, payments.executions());
        } finally {
            inventoryRegistration.unregister();
            if (paymentsRegistration != null) {
                paymentsRegistration.unregister();
            }
        }
    }

    private List<String> startMany(String definition, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(sagas.start(definition, Map.of("i", i), null).saga().id());
        }
        return ids;
    }

    private ServiceRegistration<SagaParticipant> register(String name, SagaParticipant participant) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SagaParticipant.PARTICIPANT_NAME, name);
        return bundleContext.registerService(SagaParticipant.class, participant, properties);
    }

    private static String unique(String what) {
        return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A participant answering as told, counting every command that reaches it. */
    private static final class Recording implements SagaParticipant {

        private final Function<SagaCommand, SagaReply> answer;
        private final ConcurrentLinkedQueue<SagaCommand> received = new ConcurrentLinkedQueue<>();
        private final AtomicInteger successfulCompensations = new AtomicInteger();

        Recording(Function<SagaCommand, SagaReply> answer) {
            this.answer = answer;
        }

        @Override
        public SagaReply execute(SagaCommand command) {
            received.add(command);
            SagaReply reply = answer.apply(command);
            if (command.compensation() && reply.isSuccess()) {
                successfulCompensations.incrementAndGet();
            }
            return reply;
        }

        int executions() {
            return (int) received.stream().filter(command -> !command.compensation()).count();
        }

        int distinctCommands() {
            return received.stream().filter(command -> !command.compensation()).map(SagaCommand::commandId)
                    .collect(Collectors.toSet()).size();
        }

        int compensations() {
            return (int) received.stream().filter(SagaCommand::compensation).count();
        }

        int successfulCompensations() {
            return successfulCompensations.get();
        }
    }
}
