package org.hyperiot.streaming.saga.internal.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.json;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.saga;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.step;

import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.junit.jupiter.api.Test;

class SagaDefinitionValidationTest {

    private static final String NAME_RULE = "use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a "
            + "letter or digit";
    private static final String DURATION_SYNTAX = "write a whole number followed by ms, s, m or h, such as 200ms, "
            + "10s, 5m or 1h";

    private final SagaDefinitionJson format = new SagaDefinitionJson();

    /** Checks that validate lists exactly these problems and that read throws with the same list. */
    private void assertProblems(String json, ValidationError... expected) {
        assertThat(format.validate(json)).containsExactlyInAnyOrder(expected);
        InvalidSagaDefinitionException thrown = catchThrowableOfType(() -> format.read(json),
                InvalidSagaDefinitionException.class);
        assertThat(thrown).as("read must throw InvalidSagaDefinitionException").isNotNull();
        assertThat(thrown.errors()).containsExactlyInAnyOrder(expected);
        for (ValidationError error : expected) {
            assertThat(thrown.getMessage()).contains((error.pointer().isEmpty() ? "(document)" : error.pointer())
                    + ": " + error.message());
        }
    }

    private static ValidationError problem(String pointer, String message) {
        return new ValidationError(pointer, message);
    }

    // --- required members ---------------------------------------------------------------------------------

    @Test
    void aSagaWithoutNameOrStepsIsMissingBoth() {
        assertProblems(json("{'timeout':'1m'}"),
                problem("/name", "is required"),
                problem("/steps", "is required"));
    }

    @Test
    void aStepWithoutParticipantIsReportedAtItsParticipantMember() {
        assertProblems(saga(step("a"), step("b"), "{'name':'c','action':'x'}"),
                problem("/steps/2/participant", "is required"));
    }

    @Test
    void aStepWithNothingInItIsMissingNameParticipantAndAction() {
        assertProblems(saga("{}"),
                problem("/steps/0/name", "is required"),
                problem("/steps/0/participant", "is required"),
                problem("/steps/0/action", "is required"));
    }

    @Test
    void aMemberOfAParallelGroupIsReportedAtItsPlaceInTheGroup() {
        assertProblems(saga(step("a"), "{'parallel':[" + step("b") + ",{'name':'c','participant':'p'}]}"),
                problem("/steps/1/parallel/1/action", "is required"));
    }

    @Test
    void aSagaWithoutStepsIsRefused() {
        assertProblems(saga(), problem("/steps", "must hold at least one step"));
    }

    @Test
    void aParallelGroupWithoutStepsIsRefused() {
        assertProblems(saga(step("a"), "{'parallel':[]}"),
                problem("/steps/1/parallel", "a parallel group needs at least one step"));
    }

    // --- unknown members ------------------------------------------------------------------------------------

    @Test
    void anUnknownMemberIsReportedWithTheMembersThatAreKnownThere() {
        assertProblems(json("{'name':'s','steps':[" + step("a") + "],'owner':'me'}"),
                problem("/owner", "unknown member 'owner'; expected one of: name, steps, timeout"));
        assertProblems(saga("{'name':'a','participant':'p','action':'a','compensate':'undo'}"),
                problem("/steps/0/compensate", "unknown member 'compensate'; expected one of: action, "
                        + "compensation, name, participant, retry, timeout"));
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'maxRetries':3}}"),
                problem("/steps/0/retry/maxRetries", "unknown member 'maxRetries'; expected one of: "
                        + "initialInterval, maxAttempts, maxInterval, multiplier, nonRetryableCodes"));
    }

    @Test
    void aParallelGroupMayHoldNothingButItsSteps() {
        assertProblems(saga("{'parallel':[" + step("a") + "],'name':'g'}"),
                problem("/steps/0/name", "unknown member 'name'; expected one of: parallel"));
    }

    @Test
    void anUnknownMemberWhoseNameHoldsSlashOrTildeIsEscapedInThePointer() {
        assertProblems(json("{'name':'s','steps':[" + step("a") + "],'a/b~c':1}"),
                problem("/a~1b~0c", "unknown member 'a/b~c'; expected one of: name, steps, timeout"));
    }

    // --- names ----------------------------------------------------------------------------------------------

    @Test
    void twoStepsWithTheSameNameAreRefusedEvenAcrossAParallelGroup() {
        assertProblems(saga(step("a"), "{'parallel':[" + step("b") + "," + step("a") + "]}", step("b")),
                problem("/steps/1/parallel/1/name", "duplicate step name 'a': /steps/0 has it already"),
                problem("/steps/2/name", "duplicate step name 'b': /steps/1/parallel/0 has it already"));
    }

    @Test
    void namesMustBeLowerCaseLettersDigitsDotsUnderscoresAndDashes() {
        assertProblems(json("{'name':'Order','steps':[{'name':'-a','participant':'in ventory','action':'a'}]}"),
                problem("/name", "'Order' is not a valid saga name: " + NAME_RULE),
                problem("/steps/0/name", "'-a' is not a valid step name: " + NAME_RULE),
                problem("/steps/0/participant", "'in ventory' is not a valid participant name: " + NAME_RULE));
    }

    @Test
    void anEmptyNameIsNotAName() {
        assertProblems(json("{'name':'','steps':[" + step("a") + "]}"),
                problem("/name", "'' is not a valid saga name: " + NAME_RULE));
    }

    @Test
    void namesLongerThan63CharactersAreRefused() {
        String name = "n".repeat(64);
        assertProblems(json("{'name':'" + name + "','steps':[" + step(name) + "]}"),
                problem("/name", "'" + name + "' is not a valid saga name: " + NAME_RULE),
                problem("/steps/0/name", "'" + name + "' is not a valid step name: " + NAME_RULE));
    }

    @Test
    void actionsAndCompensationsMayNotHoldSlashColonOrSpaces() {
        assertProblems(saga("{'name':'a','participant':'p','action':'do/it','compensation':'un:do'}"),
                problem("/steps/0/action", "'do/it' is not a valid action name: use 1 to 63 letters, digits, "
                        + "'.', '_' or '-', starting with a letter or digit"),
                problem("/steps/0/compensation", "'un:do' is not a valid action name: use 1 to 63 letters, "
                        + "digits, '.', '_' or '-', starting with a letter or digit"));
    }

    @Test
    void aNameWithATrailingNewlineIsRefused() {
        assertProblems(json("{'name':'order\\n','steps':[" + step("a") + "]}"),
                problem("/name", "'order\n' is not a valid saga name: " + NAME_RULE));
    }

    // --- durations ------------------------------------------------------------------------------------------

    @Test
    void aZeroTimeoutIsRefusedForTheSagaAndForAStep() {
        assertProblems(json("{'name':'s','timeout':'0s','steps':[{'name':'a','participant':'p','action':'a',"
                        + "'timeout':'0ms'}]}"),
                problem("/timeout", "must be longer than zero"),
                problem("/steps/0/timeout", "must be longer than zero"));
    }

    @Test
    void aNegativeTimeoutIsNotADuration() {
        assertProblems(json("{'name':'s','timeout':'-5m','steps':[" + step("a") + "]}"),
                problem("/timeout", "'-5m' is not a duration: " + DURATION_SYNTAX));
    }

    @Test
    void durationsInOtherUnitsOrWithFractionsOrSpacesAreNotDurations() {
        for (String text : List.of("5", "5 s", "1.5s", "5d", "PT5S", "5S", "")) {
            assertProblems(json("{'name':'s','timeout':'" + text + "','steps':[" + step("a") + "]}"),
                    problem("/timeout", "'" + text + "' is not a duration: " + DURATION_SYNTAX));
        }
    }

    @Test
    void durationsLongerThanAYearAreRefused() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','timeout':'8761h'}"),
                problem("/steps/0/timeout", "must be at most 8760h"));
    }

    // --- retry policy ---------------------------------------------------------------------------------------

    @Test
    void aRetryPolicyOutOfRangeIsReportedMemberByMember() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'initialInterval':'1s',"
                        + "'multiplier':0.5,'maxInterval':'100ms','maxAttempts':0}}"),
                problem("/steps/0/retry/maxInterval", "must not be shorter than initialInterval (100ms is less "
                        + "than 1s)"),
                problem("/steps/0/retry/multiplier", "must be between 1 and 100, not 0.5"),
                problem("/steps/0/retry/maxAttempts", "must be between 1 and 100, not 0"));
    }

    @Test
    void aNegativeNumberOfAttemptsIsRefused() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'maxAttempts':-3}}"),
                problem("/steps/0/retry/maxAttempts", "must be between 1 and 100, not -3"));
    }

    @Test
    void retryLimitsAreOneAboveTheLargestAllowed() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'multiplier':100.5,"
                        + "'maxAttempts':101}}"),
                problem("/steps/0/retry/multiplier", "must be between 1 and 100, not 100.5"),
                problem("/steps/0/retry/maxAttempts", "must be between 1 and 100, not 101"));
    }

    @Test
    void aHugeNumberOfAttemptsStaysOutOfRangeInsteadOfWrappingAround() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'maxAttempts':4294967297}}"),
                problem("/steps/0/retry/maxAttempts", "must be between 1 and 100, not 2147483647"));
    }

    @Test
    void aMaxIntervalBelowTheDefaultInitialIntervalIsRefused() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'maxInterval':'500ms'}}"),
                problem("/steps/0/retry/maxInterval", "must not be shorter than initialInterval (500ms is less "
                        + "than 1s)"));
    }

    @Test
    void aZeroRetryIntervalIsRefused() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'initialInterval':'0ms'}}"),
                problem("/steps/0/retry/initialInterval", "must be longer than zero"));
    }

    @Test
    void anUnreadableInitialIntervalIsReportedAloneAndNotComparedWithMaxInterval() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'initialInterval':'soon',"
                        + "'maxInterval':'500ms'}}"),
                problem("/steps/0/retry/initialInterval", "'soon' is not a duration: " + DURATION_SYNTAX));
    }

    @Test
    void failureCodesMustBeNamesOfAtMost128Characters() {
        String tooLong = "C".repeat(129);
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'nonRetryableCodes':"
                        + "['OK','bad code','" + tooLong + "']}}"),
                problem("/steps/0/retry/nonRetryableCodes/1", "'bad code' is not a valid failure code: use 1 to "
                        + "128 letters, digits, '.', '_' or '-', starting with a letter or digit"),
                problem("/steps/0/retry/nonRetryableCodes/2", "'" + tooLong + "' is not a valid failure code: use 1 "
                        + "to 128 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }

    @Test
    void aBadFailureCodeAfterAnotherProblemInTheListIsReportedAtItsOwnIndex() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'nonRetryableCodes':"
                        + "[5,'bad code']}}"),
                problem("/steps/0/retry/nonRetryableCodes/0", "must be a string"),
                problem("/steps/0/retry/nonRetryableCodes/1", "'bad code' is not a valid failure code: use 1 to "
                        + "128 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }

    @Test
    void aBadFailureCodeAfterARepeatedCodeIsReportedAtItsOwnIndex() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'nonRetryableCodes':"
                        + "['A','A','bad code']}}"),
                problem("/steps/0/retry/nonRetryableCodes/2", "'bad code' is not a valid failure code: use 1 to "
                        + "128 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }

    @Test
    void moreThan50FailureCodesAreRefused() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i <= SagaDefinitionLimits.MAX_NON_RETRYABLE_CODES; i++) {
            codes.add("'C" + i + "'");
        }
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'nonRetryableCodes':["
                        + String.join(",", codes) + "]}}"),
                problem("/steps/0/retry/nonRetryableCodes", "holds 51 codes; at most 50 are allowed"));
    }

    // --- limits ---------------------------------------------------------------------------------------------

    @Test
    void moreThan100StepsCountingTheMembersOfParallelGroupsAreRefused() {
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < SagaDefinitionLimits.MAX_STEPS - 1; i++) {
            stages.add(step("s" + i));
        }
        stages.add("{'parallel':[" + step("x") + "," + step("y") + "]}");
        assertProblems(saga(stages.toArray(String[]::new)),
                problem("/steps", "holds 101 steps; a saga may have at most 100"));
    }

    @Test
    void aNumberLiteralLongerThan100CharactersIsRefusedBeforeItIsConverted() {
        String digits = "1" + "0".repeat(150);
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'maxAttempts':" + digits + "}}"),
                problem("/steps/0/retry/maxAttempts", "a number of 151 characters; numbers may have at most 100"));
    }

    @Test
    void nestingDeeperThan16LevelsIsRefusedAtTheMemberThatGoesTooDeep() {
        String deep = "[".repeat(15) + "]".repeat(15);
        assertProblems(json("{'name':'s','steps':[" + step("a") + "],'x':" + "[".repeat(16) + "]".repeat(16) + "}"),
                problem("/x/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0", "nested deeper than 16 levels"));
        // 16 levels are allowed: the only problem left is the unknown member.
        assertProblems(json("{'name':'s','steps':[" + step("a") + "],'x':" + deep + "}"),
                problem("/x", "unknown member 'x'; expected one of: name, steps, timeout"));
    }

    // --- wrong JSON types -----------------------------------------------------------------------------------

    @Test
    void aDocumentThatIsNotAnObjectIsRefusedAsAWhole() {
        assertProblems("[]", problem("", "a saga definition must be a JSON object"));
        assertProblems("\"order\"", problem("", "a saga definition must be a JSON object"));
        assertProblems("null", problem("", "a saga definition must be a JSON object"));
    }

    @Test
    void aStringWhereANumberBelongsIsReportedAtThatMember() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'multiplier':'2','maxAttempts':'5'}}"),
                problem("/steps/0/retry/multiplier", "must be a number"),
                problem("/steps/0/retry/maxAttempts", "must be a whole number"));
    }

    @Test
    void aFractionalNumberOfAttemptsIsRefused() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'maxAttempts':2.5}}"),
                problem("/steps/0/retry/maxAttempts", "must be a whole number"));
    }

    @Test
    void aNumberWhereADurationBelongsIsRefusedWithAnExample() {
        assertProblems(json("{'name':'s','timeout':300,'steps':[" + step("a") + "]}"),
                problem("/timeout", "must be a duration such as \"200ms\", \"10s\", \"5m\" or \"1h\""));
    }

    @Test
    void anArrayWhereAnObjectBelongsIsReportedAtThatMember() {
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':[]}", "[" + step("b") + "]"),
                problem("/steps/0/retry", "must be an object"),
                problem("/steps/1", "must be an object: a step, or a parallel group {\"parallel\": [...]}"));
    }

    @Test
    void anObjectWhereAnArrayBelongsIsReportedAtThatMember() {
        assertProblems(json("{'name':'s','steps':" + step("a") + "}"),
                problem("/steps", "must be an array of steps and parallel groups"));
        assertProblems(saga("{'parallel':" + step("a") + "}"),
                problem("/steps/0/parallel", "must be an array of steps"));
        assertProblems(saga("{'name':'a','participant':'p','action':'a','retry':{'nonRetryableCodes':'A'}}"),
                problem("/steps/0/retry/nonRetryableCodes", "must be an array of failure codes"));
    }

    @Test
    void aNumberWhereANameBelongsIsNotAlsoReportedAsMissing() {
        assertProblems(json("{'name':7,'steps':[{'name':true,'participant':['p'],'action':{},'compensation':1}]}"),
                problem("/name", "must be a string"),
                problem("/steps/0/name", "must be a string"),
                problem("/steps/0/participant", "must be a string"),
                problem("/steps/0/action", "must be a string"),
                problem("/steps/0/compensation", "must be a string"));
    }

    @Test
    void aParallelGroupInsideAParallelGroupIsRefused() {
        assertProblems(saga("{'parallel':[{'parallel':[" + step("a") + "]}," + step("b") + "]}"),
                problem("/steps/0/parallel/0", "a parallel group cannot hold another parallel group: list its steps "
                        + "in this group"));
    }

    @Test
    void aStepThatIsNotAnObjectInAParallelGroupIsRefused() {
        assertProblems(saga("{'parallel':['a'," + step("b") + "]}"),
                problem("/steps/0/parallel/0", "must be a step object"));
    }

    // --- several problems -----------------------------------------------------------------------------------

    @Test
    void everyProblemOfADefinitionIsReportedNotJustTheFirst() {
        String json = json("{'name':'Bad Name','timeout':'0s','color':'red','steps':["
                + "{'name':'a','participant':'p','action':'a','retry':{'maxAttempts':0,'multiplier':0.5}},"
                + "{'parallel':[{'name':'a','action':'x'},{'name':'c','participant':'p','action':'x','timeout':'-1s'}]},"
                + "{'name':'d','participant':'p','action':'x','extra':1,'retry':{'initialInterval':'10s','maxInterval':'1s'}}]}");

        assertProblems(json,
                problem("/color", "unknown member 'color'; expected one of: name, steps, timeout"),
                problem("/name", "'Bad Name' is not a valid saga name: " + NAME_RULE),
                problem("/timeout", "must be longer than zero"),
                problem("/steps/0/retry/maxAttempts", "must be between 1 and 100, not 0"),
                problem("/steps/0/retry/multiplier", "must be between 1 and 100, not 0.5"),
                problem("/steps/1/parallel/0/name", "duplicate step name 'a': /steps/0 has it already"),
                problem("/steps/1/parallel/0/participant", "is required"),
                problem("/steps/1/parallel/1/timeout", "'-1s' is not a duration: " + DURATION_SYNTAX),
                problem("/steps/2/extra", "unknown member 'extra'; expected one of: action, compensation, name, "
                        + "participant, retry, timeout"),
                problem("/steps/2/retry/maxInterval", "must not be shorter than initialInterval (1s is less than 10s)"));
    }

    @Test
    void aProblemTheReaderFoundIsNotReportedAgainByTheRules() {
        // The unreadable stage stands in as an empty step: its missing members must not be listed too.
        assertProblems(saga("42", step("a")),
                problem("/steps/0", "must be an object: a step, or a parallel group {\"parallel\": [...]}"));
    }
}
