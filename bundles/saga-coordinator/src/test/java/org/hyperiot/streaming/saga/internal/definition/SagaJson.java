package org.hyperiot.streaming.saga.internal.definition;

import java.time.Duration;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;

/** Saga definition documents the definition tests read, written with ' for " to stay legible. */
final class SagaJson {

    /** The {@code order} saga exactly as SPEC §8 gives it. */
    static final String ORDER = """
            {
              "name": "order",
              "timeout": "5m",
              "steps": [
                { "name": "reserve", "participant": "inventory", "action": "reserve", "compensation": "release",
                  "timeout": "10s", "retry": { "initialInterval": "200ms", "multiplier": 2, "maxInterval": "5s", "maxAttempts": 5 } },
                { "parallel": [
                  { "name": "charge", "participant": "payments", "action": "charge", "compensation": "refund" },
                  { "name": "notify", "participant": "mailer", "action": "confirm" } ] },
                { "name": "ship", "participant": "shipping", "action": "ship", "compensation": "cancel-shipment" }
              ]
            }
            """;

    /** A valid step named {@code name}, as JSON. */
    static String step(String name) {
        return "{'name':'" + name + "','participant':'p','action':'a'}";
    }

    private SagaJson() {
    }

    /** The text with every ' turned into ". */
    static String json(String text) {
        return text.replace('\'', '"');
    }

    /** A saga named {@code s} with the given stages (JSON written with '). */
    static String saga(String... stages) {
        return json("{'name':'s','timeout':'1m','steps':[" + String.join(",", stages) + "]}");
    }

    /** The {@code order} saga of SPEC §8 built in Java. */
    static SagaDefinition orderBuilt() {
        return SagaDefinition.builder("order")
                .timeout(Duration.ofMinutes(5))
                .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release")
                        .withTimeout(Duration.ofSeconds(10))
                        .withRetry(RetryPolicy.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(5), 5)))
                .parallel(SagaStep.of("charge", "payments", "charge").withCompensation("refund"),
                        SagaStep.of("notify", "mailer", "confirm"))
                .step("ship", "shipping", "ship", "cancel-shipment")
                .build();
    }
}
