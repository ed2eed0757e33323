package org.hyperiot.streaming.saga.internal.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.json;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.saga;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.step;

import java.time.Duration;
import java.util.List;

import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SagaDefinitionReadWriteTest {

    private final SagaDefinitionJson format = new SagaDefinitionJson();

    @Test
    void theOrderSagaOfTheContractReadsAsTheSameSagaBuiltInJava() {
        SagaDefinition order = format.read(SagaJson.ORDER);

        assertThat(order).isEqualTo(SagaJson.orderBuilt());
        assertThat(order.stages()).hasSize(3);
        assertThat(order.stages().get(1)).isInstanceOf(ParallelGroup.class);
        assertThat(order.steps()).extracting(SagaStep::name).containsExactly("reserve", "charge", "notify", "ship");
        SagaStep reserve = order.step("reserve").orElseThrow();
        assertThat(reserve.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(reserve.retry()).isEqualTo(
                new RetryPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 5, java.util.Set.of()));
        assertThat(order.step("notify").orElseThrow().hasCompensation()).isFalse();
    }

    @Test
    void theOrderSagaOfTheContractIsValid() {
        assertThat(format.validate(SagaJson.ORDER)).isEmpty();
    }

    @Test
    void writingTheOrderSagaAndReadingItBackGivesAnEqualDefinition() {
        SagaDefinition order = format.read(SagaJson.ORDER);

        assertThat(format.read(format.write(order))).isEqualTo(order);
    }

    @Test
    void theWrittenFormIsCompactWithTheTimeoutAlwaysAndADefaultRetryPolicyLeftOut() {
        SagaDefinition minimal = SagaDefinition.builder("s").step("a", "p", "act").build();

        assertThat(format.write(minimal)).isEqualTo(
                json("{'name':'s','timeout':'1h','steps':[{'name':'a','participant':'p','action':'act'}]}"));
    }

    @Test
    void theOrderSagaIsWrittenAsTheContractWritesIt() {
        assertThat(format.write(SagaJson.orderBuilt())).isEqualTo(json("{'name':'order','timeout':'5m','steps':["
                + "{'name':'reserve','participant':'inventory','action':'reserve','compensation':'release',"
                + "'timeout':'10s','retry':{'initialInterval':'200ms','multiplier':2,'maxInterval':'5s','maxAttempts':5}},"
                + "{'parallel':[{'name':'charge','participant':'payments','action':'charge','compensation':'refund'},"
                + "{'name':'notify','participant':'mailer','action':'confirm'}]},"
                + "{'name':'ship','participant':'shipping','action':'ship','compensation':'cancel-shipment'}]}"));
    }

    @Test
    void aFractionalMultiplierAndNonRetryableCodesSurviveTheRoundTripInOrder() {
        RetryPolicy retry = RetryPolicy.exponential(Duration.ofMillis(150), 1.5, Duration.ofMinutes(2), 7)
                .withNonRetryableCodes("CARD_DECLINED", "TIMEOUT", "a.b-c");
        SagaDefinition definition = SagaDefinition.builder("pay")
                .step(SagaStep.of("charge", "payments", "Charge").withRetry(retry))
                .build();

        String written = format.write(definition);

        assertThat(written).contains(json("'multiplier':1.5"))
                .contains(json("'nonRetryableCodes':['CARD_DECLINED','TIMEOUT','a.b-c']"));
        SagaDefinition back = format.read(written);
        assertThat(back).isEqualTo(definition);
        assertThat(back.steps().get(0).retry().nonRetryableCodes())
                .containsExactly("CARD_DECLINED", "TIMEOUT", "a.b-c");
    }

    @ParameterizedTest
    @CsvSource({
            "200ms, PT0.2S",
            "10s, PT10S",
            "5m, PT5M",
            "1h, PT1H",
            "90s, PT1M30S",
            "1500ms, PT1.5S",
            "8760h, PT8760H"})
    void durationsAreWholeNumbersOfMillisecondsSecondsMinutesOrHours(String text, Duration expected) {
        SagaDefinition definition = format.read(json("{'name':'s','timeout':'" + text + "','steps':[" + step("a") + "]}"));

        assertThat(definition.timeout()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "PT0.2S, 200ms",
            "PT10S, 10s",
            "PT5M, 5m",
            "PT1H, 1h",
            "PT2M, 2m",
            "PT1M30S, 90s",
            "PT1.5S, 1500ms",
            "PT48H, 48h"})
    void durationsAreWrittenInTheLargestUnitThatExpressesThemExactly(Duration duration, String text) {
        SagaDefinition definition = SagaDefinition.builder("s").timeout(duration).step("a", "p", "act").build();

        assertThat(format.write(definition)).contains(json("'timeout':'" + text + "'"));
        assertThat(format.read(format.write(definition))).isEqualTo(definition);
    }

    @Test
    void membersLeftOutTakeTheDefaultsOfTheJavaBuilder() {
        SagaDefinition read = format.read(json("{'name':'s','steps':[" + step("a") + "]}"));

        assertThat(read).isEqualTo(SagaDefinition.builder("s").step("a", "p", "a").build());
        assertThat(read.timeout()).isEqualTo(SagaDefinition.DEFAULT_TIMEOUT);
        assertThat(read.steps().get(0).retry()).isSameAs(RetryPolicy.DEFAULT);
        assertThat(read.steps().get(0).timeout()).isNull();
        assertThat(read.steps().get(0).compensation()).isNull();
    }

    @Test
    void aRetryPolicyGivingOnlySomeMembersTakesTheOthersFromTheDefault() {
        SagaDefinition read = format.read(saga(
                "{'name':'a','participant':'p','action':'a','retry':{'maxAttempts':3}}",
                "{'name':'b','participant':'p','action':'a','retry':{'nonRetryableCodes':['NO_FUNDS']}}"));

        assertThat(read.steps().get(0).retry()).isEqualTo(RetryPolicy.DEFAULT.withMaxAttempts(3));
        assertThat(read.steps().get(1).retry()).isEqualTo(RetryPolicy.DEFAULT.withNonRetryableCodes("NO_FUNDS"));
    }

    @Test
    void jsonNullMeansTheMemberIsLeftOut() {
        SagaDefinition read = format.read(json("{'name':'s','timeout':null,'steps':["
                + "{'name':'a','participant':'p','action':'a','compensation':null,'timeout':null,'retry':null}]}"));

        assertThat(read).isEqualTo(SagaDefinition.builder("s").step("a", "p", "a").build());
    }

    @Test
    void actionsMayUseUpperCaseLettersButNamesMayNot() {
        SagaDefinition read = format.read(saga("{'name':'a','participant':'p','action':'Reserve','compensation':'RELEASE'}"));

        assertThat(read.steps().get(0).action()).isEqualTo("Reserve");
        assertThat(read.steps().get(0).compensation()).isEqualTo("RELEASE");
    }

    @Test
    void aDefinitionAtEveryLimitIsValid() {
        String longName = "n".repeat(63);
        List<String> stages = new java.util.ArrayList<>();
        stages.add(step(longName));
        for (int i = 1; i < SagaDefinitionLimits.MAX_STEPS - 1; i++) {
            stages.add(step("s" + i));
        }
        List<String> codes = new java.util.ArrayList<>();
        codes.add("'" + "C".repeat(128) + "'");
        for (int i = 1; i < SagaDefinitionLimits.MAX_NON_RETRYABLE_CODES; i++) {
            codes.add("'C" + i + "'");
        }
        stages.add("{'parallel':[{'name':'last','participant':'" + longName + "','action':'" + "A".repeat(63)
                + "','timeout':'8760h','retry':{'initialInterval':'1ms','multiplier':100,'maxInterval':'8760h',"
                + "'maxAttempts':100,'nonRetryableCodes':[" + String.join(",", codes) + "]}}]}");
        String json = json("{'name':'" + longName + "','timeout':'8760h','steps':[" + String.join(",", stages) + "]}");

        assertThat(format.validate(json)).isEmpty();
        assertThat(format.read(json).steps()).hasSize(SagaDefinitionLimits.MAX_STEPS);
    }

    @Test
    void writingADurationWithAFractionOfAMillisecondIsRefused() {
        SagaDefinition definition = SagaDefinition.builder("s").timeout(Duration.ofNanos(1_500_000)).step("a", "p", "a")
                .build();

        assertThatThrownBy(() -> format.write(definition)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0.0015S");
    }

    @Test
    void writingANegativeDurationIsRefused() {
        SagaDefinition definition = SagaDefinition.builder("s").timeout(Duration.ofSeconds(-1)).step("a", "p", "a")
                .build();

        assertThatThrownBy(() -> format.write(definition)).isInstanceOf(IllegalArgumentException.class);
    }
}
