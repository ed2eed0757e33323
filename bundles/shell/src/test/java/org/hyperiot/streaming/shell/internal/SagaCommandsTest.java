package org.hyperiot.streaming.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.api.saga.SagaStepStatus;
import org.hyperiot.streaming.rest.internal.InMemorySagaCoordinator;
import org.hyperiot.streaming.rest.internal.InMemorySagaDefinitionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SagaCommandsTest {

    private static final SagaDefinition ORDER = InMemorySagaDefinitionRegistry.ORDER;

    private final InMemorySagaDefinitionRegistry definitions = new InMemorySagaDefinitionRegistry().existing(ORDER)
            .existing(SagaDefinition.builder("refund").timeout(Duration.ofMillis(1500))
                    .step(SagaStep.of("pay-back", "payments", "refund").withRetry(RetryPolicy.DEFAULT.withMaxAttempts(2)))
                    .build());
    private final InMemorySagaCoordinator sagas = new InMemorySagaCoordinator(definitions);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeEach
    void captureOutput() {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    private String out() {
        return out.toString(UTF_8);
    }

    private String err() {
        return err.toString(UTF_8);
    }

    private SagaListCommand list() {
        SagaListCommand list = new SagaListCommand();
        list.sagas = sagas;
        return list;
    }

    private SagaStartCommand start(String definition) {
        SagaStartCommand start = new SagaStartCommand();
        start.sagas = sagas;
        start.definition = definition;
        return start;
    }

    private <C extends SagaOperatorCommand> C operator(C command, String id) {
        command.sagas = sagas;
        command.id = id;
        return command;
    }

    @Nested
    class Listing {

        @Test
        void showsTheNewestSagasFirstWithTheirState() {
            String completed = sagas.existing(ORDER, SagaState.COMPLETED, null);
            String failed = sagas.existing(ORDER, SagaState.FAILED_TO_COMPENSATE, "COMPENSATION_FAILED: refund refused");

            list().execute();

            assertThat(out()).contains("Id", "Definition", "State", "Created", "Updated", "Error", completed, failed,
                    "COMPLETED", "FAILED_TO_COMPENSATE", "2026-12-06T10:02:00Z", "COMPENSATION_FAILED: refund refused");
            assertThat(out().indexOf(failed)).isLessThan(out().indexOf(completed));
            assertThat(out()).doesNotContain("--page-token");
            assertThat(err()).isEmpty();
        }

        @Test
        void filtersByStateInAnyCaseAndByDefinition() {
            sagas.existing(ORDER, SagaState.RUNNING, null);
            String compensated = sagas.existing(ORDER, SagaState.COMPENSATED, null);
            String otherDefinition = sagas.existing(definitions.find("refund"), SagaState.COMPENSATED, null);
            SagaListCommand list = list();
            list.state = "compensated";
            list.definition = "order";

            list.execute();

            assertThat(out()).contains(compensated).doesNotContain(otherDefinition, "RUNNING");
        }

        @Test
        void saysHowToGetTheNextPage() {
            for (int i = 0; i < 3; i++) {
                sagas.existing(ORDER, SagaState.RUNNING, null);
            }
            SagaListCommand first = list();
            first.limit = 2;
            first.execute();
            String token = out().substring(out().indexOf("--page-token ") + "--page-token ".length()).strip();
            out.reset();

            SagaListCommand next = list();
            next.limit = 2;
            next.pageToken = token;
            next.execute();

            assertThat(out()).contains(InMemorySagaCoordinator.id(1)).doesNotContain(InMemorySagaCoordinator.id(3),
                    "--page-token");
        }

        @Test
        void refusesAnUnknownStateALimitOutOfRangeAndAForeignPageToken() {
            SagaListCommand unknownState = list();
            unknownState.state = "done";
            unknownState.execute();
            SagaListCommand zero = list();
            zero.limit = 0;
            zero.execute();
            SagaListCommand forged = list();
            forged.pageToken = "forged";
            forged.execute();

            assertThat(err()).contains("No state 'done'; a saga is RUNNING, COMPENSATING, COMPLETED, COMPENSATED, "
                    + "FAILED_TO_COMPENSATE", "--limit is from 1 to 500, not 0", "That page token is not one");
            assertThat(sagas.calls).containsExactly(
                    "list SagaFilter[state=null, definition=null, createdAfter=null, createdBefore=null] token=forged limit=100");
            assertThat(out()).isEmpty();
        }

        @Test
        void saysWhyWhenTheCoordinatorFails() {
            sagas.failure = new StreamingException("the saga log is not reachable");

            list().execute();

            assertThat(err()).contains("the saga log is not reachable");
            assertThat(out()).isEmpty();
        }
    }

    @Test
    void infoShowsStateDataStepsAndHistory() {
        Instant at = Instant.parse("2026-12-06T11:00:00Z");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "o-1");
        data.put("amount", 42);
        sagas.put(new SagaInfo("c0ffee00-0000-0000-0000-000000000001", "order", SagaState.COMPENSATING, data,
                List.of(new SagaStepStatus("reserve", "inventory", SagaStepState.COMPENSATING, 1, 2, null),
                        new SagaStepStatus("charge", "payments", SagaStepState.FAILED, 5, 0,
                                "CARD_DECLINED: insufficient funds")),
                List.of(new SagaHistoryEntry(at, SagaHistoryEntry.Kind.SAGA_STARTED, null, 0, "deadline 11:05"),
                        new SagaHistoryEntry(at.plusMillis(1500), SagaHistoryEntry.Kind.STEP_FAILED, "charge", 5,
                                "CARD_DECLINED: insufficient funds")),
                at, at.plusSeconds(9), at.plusSeconds(300), "STEP_FAILED: charge"));
        SagaInfoCommand info = new SagaInfoCommand();
        info.sagas = sagas;
        info.id = "c0ffee00-0000-0000-0000-000000000001";

        info.execute();

        assertThat(out()).contains("Saga           c0ffee00-0000-0000-0000-000000000001", "Definition     order",
                "State          COMPENSATING", "Deadline       2026-12-06T11:05:00Z", "Error          STEP_FAILED: charge",
                "\"orderId\" : \"o-1\"", "\"amount\" : 42",
                "reserve", "inventory", "charge", "CARD_DECLINED: insufficient funds",
                "2026-12-06T11:00:01Z", "STEP_FAILED", "SAGA_STARTED", "deadline 11:05");
        assertThat(err()).isEmpty();
    }

    @Test
    void infoOfAnUnknownSagaSaysSo() {
        SagaInfoCommand info = new SagaInfoCommand();
        info.sagas = sagas;
        info.id = "nobody";

        info.execute();

        assertThat(err()).contains("no saga with id 'nobody' (SAGA_NOT_FOUND)");
        assertThat(out()).isEmpty();
    }

    @Nested
    class Start {

        @Test
        void startsASagaWithItsInputAndSaysSo() {
            SagaStartCommand start = start("order");
            start.input = "{\"orderId\": \"o-7\", \"items\": [1, 2]}";

            start.execute();

            assertThat(out()).contains("Started saga " + InMemorySagaCoordinator.id(1) + " of order, state RUNNING");
            assertThat(sagas.calls).containsExactly("start order key=null input={orderId=o-7, items=[1, 2]}");
        }

        @Test
        void theSameKeyStartsNothingTheSecondTime() {
            SagaStartCommand first = start("order");
            first.key = "order-o-7";
            first.execute();
            SagaStartCommand again = start("order");
            again.key = "order-o-7";
            again.execute();

            assertThat(out()).contains("Started saga " + InMemorySagaCoordinator.id(1),
                    "Not started again: saga " + InMemorySagaCoordinator.id(1) + " was started earlier with key order-o-7");
            assertThat(sagas.list(org.hyperiot.streaming.api.saga.SagaFilter.all(), null, 10).sagas()).hasSize(1);
        }

        @Test
        void refusesInputThatIsNotAJsonObject() {
            for (String input : List.of("[1]", "{\"a\":", "\"text\"", "{\"a\":1,\"a\":2}", "{} {}")) {
                SagaStartCommand start = start("order");
                start.input = input;
                start.execute();
            }

            assertThat(err()).contains("--input must be a JSON object", "--input is not JSON");
            assertThat(err().lines().count()).isEqualTo(5);
            assertThat(sagas.calls).isEmpty();
        }

        @Test
        void refusesAKeyTheRestApiWouldRefuse() {
            for (String key : List.of("", "has space", "k".repeat(201))) {
                SagaStartCommand start = start("order");
                start.key = key;
                start.execute();
            }

            assertThat(err().lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("--key is 1 to 200"));
            assertThat(sagas.calls).isEmpty();
        }

        @Test
        void anUnknownDefinitionIsNamed() {
            start("ghost").execute();

            assertThat(err()).contains("no saga definition named 'ghost' (SAGA_DEFINITION_NOT_FOUND)");
        }
    }

    @Nested
    class OperatorRequests {

        @Test
        void cancelRetryAndSkipAreRecorded() {
            String running = sagas.existing(ORDER, SagaState.RUNNING, null);
            String failedOnce = sagas.existing(ORDER, SagaState.FAILED_TO_COMPENSATE, "x");
            String failedTwice = sagas.existing(ORDER, SagaState.FAILED_TO_COMPENSATE, "x");

            operator(new SagaCancelCommand(), running).execute();
            operator(new SagaRetryCommand(), failedOnce).execute();
            operator(new SagaSkipCommand(), failedTwice).execute();

            assertThat(sagas.calls).containsExactly("cancel " + running, "retry " + failedOnce, "skip " + failedTwice);
            assertThat(out()).contains("Cancel of saga " + running + " requested; saga:info " + running
                    + " shows when it takes effect", "Retry of saga " + failedOnce, "Skip of saga " + failedTwice);
            assertThat(err()).isEmpty();
        }

        @Test
        void aRequestTheSagasStateDoesNotAllowShowsWhy() {
            String completed = sagas.existing(ORDER, SagaState.COMPLETED, null);

            operator(new SagaRetryCommand(), completed).execute();
            operator(new SagaCancelCommand(), "nobody").execute();

            assertThat(err()).contains("cannot retry saga '" + completed + "' in state COMPLETED",
                    "(ILLEGAL_SAGA_STATE)", "no saga with id 'nobody' (SAGA_NOT_FOUND)");
            assertThat(out()).isEmpty();
        }
    }

    @Test
    void definitionsShowsTimeoutAndStepsInOrder() {
        SagaDefinitionsCommand command = new SagaDefinitionsCommand();
        command.definitions = definitions;

        command.execute();

        assertThat(out()).contains("Name", "Timeout", "Steps", "Order", "order", "5m",
                "reserve, [charge, notify], ship", "refund", "1500ms", "pay-back");
        assertThat(out().lines().filter(line -> line.contains("reserve, [charge, notify], ship"))
                .findFirst().orElseThrow()).contains(" 4 ");
    }

    @Test
    void everyCommandSaysTheCoordinatorIsMissingWhenItIs() throws Exception {
        List<Action> commands = List.of(new SagaListCommand(), new SagaInfoCommand(), new SagaStartCommand(),
                new SagaCancelCommand(), new SagaRetryCommand(), new SagaSkipCommand(), new SagaDefinitionsCommand());

        for (Action command : commands) {
            command.execute();
        }

        assertThat(err().lines()).hasSize(commands.size())
                .containsOnly("The saga coordinator is not installed (feature hyperiot-streaming-saga)");
        assertThat(out()).isEmpty();
    }

    @Test
    void everyCommandIsInTheSagaScopeReferencesItsServiceOptionallyAndCompletesIdsOrNames()
            throws NoSuchFieldException {
        List<Class<?>> commands = List.of(SagaListCommand.class, SagaInfoCommand.class, SagaStartCommand.class,
                SagaRetryCommand.class, SagaSkipCommand.class, SagaCancelCommand.class, SagaDefinitionsCommand.class);

        assertThat(commands).extracting(c -> c.getAnnotation(Command.class).scope()).containsOnly("saga");
        assertThat(commands).extracting(c -> c.getAnnotation(Command.class).name())
                .containsExactly("list", "info", "start", "retry", "skip", "cancel", "definitions");
        for (Class<?> type : List.of(SagaListCommand.class, SagaInfoCommand.class, SagaStartCommand.class,
                SagaOperatorCommand.class, SagaDefinitionsCommand.class, SagaIdCompleter.class,
                SagaDefinitionNameCompleter.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Reference.class)) {
                    assertThat(field.getAnnotation(Reference.class).optional()).as(type + "." + field.getName()).isTrue();
                }
            }
        }
        for (Class<?> byId : List.of(SagaInfoCommand.class, SagaOperatorCommand.class)) {
            Field id = byId.getDeclaredField("id");
            assertThat(id.getAnnotation(Argument.class).required()).isTrue();
            assertThat(id.getAnnotation(Completion.class).value()).isEqualTo(SagaIdCompleter.class);
        }
        assertThat(SagaStartCommand.class.getDeclaredField("definition").getAnnotation(Completion.class).value())
                .isEqualTo(SagaDefinitionNameCompleter.class);
        assertThat(SagaListCommand.class.getDeclaredField("definition").getAnnotation(Completion.class).value())
                .isEqualTo(SagaDefinitionNameCompleter.class);
        Field state = SagaListCommand.class.getDeclaredField("state");
        assertThat(state.getAnnotation(Option.class).name()).isEqualTo("--state");
        assertThat(state.getAnnotation(Completion.class).value()).isEqualTo(StringsCompleter.class);
        assertThat(state.getAnnotation(Completion.class).values()).containsExactly("RUNNING", "COMPENSATING",
                "COMPLETED", "COMPENSATED", "FAILED_TO_COMPENSATE");
    }

    /** The user typed {@code typed} as the command's argument and pressed Tab. */
    private static List<String> completions(Completer completer, String command, String typed) {
        CommandLine line = (CommandLine) Proxy.newProxyInstance(SagaCommandsTest.class.getClassLoader(),
                new Class<?>[] {CommandLine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCursorArgument" -> typed;
                    case "getArgumentPosition" -> typed.length();
                    case "getBufferPosition" -> (command + " " + typed).length();
                    default -> throw new UnsupportedOperationException("CommandLine." + method.getName());
                });
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates.stream().map(String::trim).toList();
    }

    @Test
    void completesTheIdsOfTheNewestSagas() {
        sagas.existing(ORDER, SagaState.RUNNING, null);
        sagas.existing(ORDER, SagaState.RUNNING, null);
        SagaIdCompleter completer = new SagaIdCompleter();
        completer.sagas = sagas;

        assertThat(completions(completer, "saga:info", "00000000-0000-0000-0000-00000000000"))
                .containsExactlyInAnyOrder(InMemorySagaCoordinator.id(1), InMemorySagaCoordinator.id(2));
        assertThat(completions(completer, "saga:info", "00000000-0000-0000-0000-000000000002"))
                .containsExactly(InMemorySagaCoordinator.id(2));
        assertThat(sagas.calls).allSatisfy(call -> assertThat(call).contains("token=null limit=100"));
    }

    @Test
    void completesDefinitionNames() {
        SagaDefinitionNameCompleter completer = new SagaDefinitionNameCompleter();
        completer.definitions = definitions;

        assertThat(completions(completer, "saga:start", "or")).containsExactly("order");
        assertThat(completions(completer, "saga:start", "")).containsExactlyInAnyOrder("order", "refund");
    }

    @Test
    void completersOfferNothingWithoutTheCoordinatorOrWhileItFails() {
        SagaIdCompleter ids = new SagaIdCompleter();
        SagaDefinitionNameCompleter names = new SagaDefinitionNameCompleter();
        List<String> candidates = new ArrayList<>();

        assertThat(ids.complete(null, null, candidates)).isEqualTo(-1);
        assertThat(names.complete(null, null, candidates)).isEqualTo(-1);

        ids.sagas = sagas;
        sagas.failure = new StreamingException("down");
        assertThat(ids.complete(null, null, candidates)).isEqualTo(-1);
        names.definitions = definitions;
        definitions.failure = new StreamingException("down");
        assertThat(names.complete(null, null, candidates)).isEqualTo(-1);
        assertThat(candidates).isEmpty();
    }
}
